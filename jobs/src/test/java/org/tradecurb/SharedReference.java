package org.tradecurb;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** The shared reference folder beside the repository, when this machine has it; tests skip without it. */
public final class SharedReference {

  private SharedReference() {}

  public static Optional<Path> folder() {
    Path repo = Path.of(System.getProperty("tradecurb.repo.root", "..")).toAbsolutePath().normalize();
    for (Path candidate : new Path[] {repo.resolve("../shared/reference"), Path.of("/work/shared/reference")}) {
      if (Files.isDirectory(candidate)) {
        return Optional.of(candidate.normalize());
      }
    }
    return Optional.empty();
  }

  /** The repository root (the folder holding pom.xml, bin/, data-samples/). */
  public static Path repoRoot() {
    return Path.of(System.getProperty("tradecurb.repo.root", "..")).toAbsolutePath().normalize();
  }
}

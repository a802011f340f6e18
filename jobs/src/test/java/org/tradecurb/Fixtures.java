package org.tradecurb;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;

/** Writes small input files for tests, in the encodings the sources publish. */
public final class Fixtures {

  public static final Charset GB18030 = Charset.forName("GB18030");

  private Fixtures() {}

  public static Path write(Path root, String relative, String content) {
    return write(root, relative, content.getBytes(StandardCharsets.UTF_8));
  }

  public static Path write(Path root, String relative, String content, Charset charset) {
    return write(root, relative, content.getBytes(charset));
  }

  public static Path writeGzip(Path root, String relative, String content) {
    return write(root, relative, gzip(content));
  }

  /** UTF-8 text, gzipped. */
  public static byte[] gzip(String content) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(bytes)) {
      gz.write(content.getBytes(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  /** A zip archive of UTF-8 text files, by entry name. */
  public static byte[] zip(java.util.Map<String, String> entries) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (java.util.zip.ZipOutputStream zip = new java.util.zip.ZipOutputStream(bytes)) {
      for (java.util.Map.Entry<String, String> e : entries.entrySet()) {
        zip.putNextEntry(new java.util.zip.ZipEntry(e.getKey()));
        zip.write(e.getValue().getBytes(StandardCharsets.UTF_8));
        zip.closeEntry();
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  public static Path write(Path root, String relative, byte[] content) {
    try {
      Path file = root.resolve(relative);
      Files.createDirectories(file.getParent());
      return Files.write(file, content);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Lines joined with newlines, ending with one. */
  public static String lines(String... lines) {
    return String.join("\n", lines) + "\n";
  }
}

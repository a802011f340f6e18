package org.tradecurb.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.nio.file.Files;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileContext;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Options;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.permission.FsPermission;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Test;
import org.tradecurb.SparkTestBase;

class LocalFilesTest extends SparkTestBase {

  @Test
  void modeBitsMapToTheirPosixPermissions() {
    assertEquals(PosixFilePermissions.fromString("rw-r--r--"), LocalFiles.posix((short) 0644));
    assertEquals(PosixFilePermissions.fromString("rwxr-x--x"), LocalFiles.posix((short) 0751));
    assertEquals(PosixFilePermissions.fromString("rwxrwxrwx"), LocalFiles.posix((short) 01777), "sticky bit dropped");
    assertEquals(EnumSet.noneOf(java.nio.file.attribute.PosixFilePermission.class), LocalFiles.posix((short) 0));
  }

  @Test
  void theSessionsLocalFilesSetModesAndReadLinksWithoutHadoopsShell() throws Exception {
    Configuration conf = spark().sparkContext().hadoopConfiguration();
    java.nio.file.Path dir = newDir("local-files");
    FileSystem fs = new Path(dir.toUri()).getFileSystem(conf);
    assertInstanceOf(LocalFiles.class, fs);

    Path file = new Path(dir.resolve("a/b/data.txt").toUri());
    try (FSDataOutputStream out = fs.create(file, new FsPermission((short) 0640), true, 4096, (short) 1, 1 << 20,
        null)) {
      out.writeBytes("x");
    }
    assertEquals("rw-r-----",
        PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("a/b/data.txt"))));
    Assertions.assertTrue(Files.isRegularFile(dir.resolve("a/b/.data.txt.crc")),
        "checksums kept, as Hadoop's local FS does");

    FileStatus plain = fs.getFileLinkStatus(file);
    Assertions.assertFalse(plain.isSymlink());
    assertEquals(1L, plain.getLen());
    java.nio.file.Path link = Files.createSymbolicLink(dir.resolve("link.txt"), dir.resolve("a/b/data.txt"));
    org.apache.hadoop.fs.RawLocalFileSystem hadoops = new org.apache.hadoop.fs.RawLocalFileSystem();
    hadoops.initialize(java.net.URI.create("file:///"), conf);
    assertEquals(hadoops.getFileLinkStatus(new Path(link.toUri())).isSymlink(),
        fs.getFileLinkStatus(new Path(link.toUri())).isSymlink(), "a link gets Hadoop's own answer");

    // FileContext (write a temporary file, rename it in place) goes through the same layer.
    FileContext fc = FileContext.getFileContext(dir.toUri(), conf);
    assertInstanceOf(LocalFiles.Context.class, fc.getDefaultFileSystem());
    Path tmp = new Path(dir.resolve("tmp.json").toUri());
    try (FSDataOutputStream out = fc.create(tmp, EnumSet.of(org.apache.hadoop.fs.CreateFlag.CREATE))) {
      out.writeBytes("{}");
    }
    fc.rename(tmp, new Path(dir.resolve("00.json").toUri()), Options.Rename.NONE);
    Assertions.assertTrue(Files.isRegularFile(dir.resolve("00.json")));
    Assertions.assertFalse(Files.exists(dir.resolve("tmp.json")));
    assertEquals("rw-r--r--", PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("00.json"))));
  }
}

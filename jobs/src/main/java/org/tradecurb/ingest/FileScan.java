package org.tradecurb.ingest;

import java.io.BufferedInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.tradecurb.spark.HadoopConf;

/**
 * The first pass over a file, in one task: every byte is hashed, decompressed and decoded, so that a file
 * which is truncated, corrupt or not text is refused here, by name, before any of it is parsed. It also
 * finds the header and, for an uncompressed file, counts the lines before each block boundary (see
 * {@link FileFingerprint}).
 */
final class FileScan {

  private FileScan() {}

  /** Data lines the scan keeps to find a file's year (see {@link CustomsFormat#oneYearPerFile}). */
  private static final int HEAD_LINES = 1000;

  static FileFingerprint scan(InputFile file, HadoopConf conf, long blockSize) {
    MessageDigest digest = sha256();
    long[] size = {0};
    Pass utf8;
    Charset utf16;
    try (InputStream raw = new DigestInputStream(new CountingStream(RawFileReader.open(file, conf), size), digest)) {
      InputStream text = new BufferedInputStream(TextDecoding.decompressed(raw, file), 1 << 16);
      utf16 = TextDecoding.utf16ByBom(text);
      utf8 = utf16 != null ? read(new TextDecoding.Utf8Transcoder(text, utf16), StandardCharsets.UTF_8, 0)
          : read(text, StandardCharsets.UTF_8, file.compressed() ? 0 : blockSize);
      raw.transferTo(OutputStream.nullOutputStream()); // bytes after a gzip trailer or zip entry count in the checksum
    } catch (CharacterCodingException e) {
      return FileFingerprint.unreadable(file, null, size[0], null, file.relativePath()
          + ": starts with a UTF-16 byte-order mark, but its bytes are not valid UTF-16");
    } catch (IOException e) {
      return FileFingerprint.unreadable(file, null, size[0], null, "cannot read " + file.relativePath()
          + (file.gzipped() ? " as gzip" : file.zipped() ? " as zip" : "") + ": " + e.getMessage());
    }
    String hash = HexFormat.of().formatHex(digest.digest());
    Pass pass = utf8;
    Charset charset = utf16 != null ? utf16 : StandardCharsets.UTF_8;
    Charset fallback = file.format().fallbackCharset();
    if (utf8.invalidLine > 0 && !fallback.equals(StandardCharsets.UTF_8)) {
      charset = fallback;
      try (InputStream in = TextDecoding.decompressed(RawFileReader.open(file, conf), file)) {
        pass = read(in, charset, 0);
      } catch (IOException e) {
        return FileFingerprint.unreadable(file, hash, size[0], null, "cannot read " + file.relativePath() + ": "
            + e.getMessage());
      }
    }
    if (pass.invalidLine > 0) {
      return FileFingerprint.unreadable(file, hash, size[0], charset.name(), file.relativePath() + " line "
          + pass.invalidLine + ": bytes are not valid " + charset.name() + (pass == utf8 ? ""
              : " (nor UTF-8, from line " + utf8.invalidLine + ")"));
    }
    if (pass.header == null) {
      return FileFingerprint.unreadable(file, hash, size[0], charset.name(), file.relativePath()
          + " is empty: expected a header line");
    }
    String notData = notCustomsData(pass.header);
    if (notData != null) {
      return FileFingerprint.unreadable(file, hash, size[0], charset.name(), file.relativePath() + " line "
          + pass.headerLine + ": " + notData);
    }
    CustomsFormat.FileParser parser;
    try {
      parser = file.format().open(pass.header, file.context());
    } catch (FileLayoutException e) {
      return FileFingerprint.unreadable(file, hash, size[0], charset.name(), file.relativePath() + " line "
          + pass.headerLine + ": " + e.getMessage());
    }
    // Byte ranges are cut at LF: a compressed, UTF-16 or CR-ended file is read whole, by one task.
    long[] blocks = file.compressed() || utf16 != null || utf8.crLineEnds ? null : utf8.linesBeforeBlock;
    Integer year = file.format().oneYearPerFile() ? commonYear(parser, pass.head) : null;
    return new FileFingerprint(file, hash, size[0], charset.name(), pass.header, pass.headerLine, null,
        utf8.textBytes, blockSize, blocks, year);
  }

  /** The year most accepted lines carry (the earliest of equals), or null when none is accepted. */
  static Integer commonYear(CustomsFormat.FileParser parser, List<String> lines) {
    Map<Integer, Integer> counts = new HashMap<>();
    for (String line : lines) {
      LineOutcome outcome = parser.parse(line);
      if (outcome.isAccepted()) {
        counts.merge(outcome.refYear(), 1, Integer::sum);
      }
    }
    return counts.entrySet().stream()
        .max(Map.Entry.<Integer, Integer>comparingByValue().thenComparing(Map.Entry.comparingByKey(
            Comparator.reverseOrder())))
        .map(Map.Entry::getKey).orElse(null);
  }

  /**
   * What a file is when its first line says it is not a table at all: a page or an API answer saved under a
   * data file's name, or binary content. Null for anything else (the format then checks the header).
   */
  static String notCustomsData(String header) {
    String h = (header.startsWith("\uFEFF") ? header.substring(1) : header).stripLeading();
    String lower = h.toLowerCase(java.util.Locale.ROOT);
    if (lower.startsWith("<!doctype html") || lower.startsWith("<html") || lower.startsWith("<?xml")) {
      return "an HTML or XML page, not a data file (an error or login page saved as data?)";
    }
    if (h.startsWith("{") || h.startsWith("[")) {
      return "a JSON document, not a delimited data file (an API response saved as data?)";
    }
    long control = h.chars().filter(c -> (c < 0x20 && c != '\t') || c == 0x7F).count();
    if (control > 0) {
      return "binary content, not text (" + control + " control characters in the first line)";
    }
    return null;
  }

  /**
   * What one read of the text found. {@code invalidLine} is 0 when every line decodes; {@code head} holds the
   * first non-blank lines after the header.
   */
  private record Pass(String header, long headerLine, long invalidLine, long textBytes, long[] linesBeforeBlock,
      List<String> head, boolean crLineEnds) {}

  /** Reads every line; with a block size, records the newlines before each block boundary. */
  private static Pass read(InputStream in, Charset charset, long blockSize) throws IOException {
    TextDecoding.LineReader reader = new TextDecoding.LineReader(in, charset);
    List<Long> blocks = new ArrayList<>(List.of(0L));
    long boundary = blockSize;
    String header = null;
    long headerLine = 0;
    long invalid = 0;
    long newlinesBefore = 0;
    List<String> head = new ArrayList<>();
    while (reader.advance()) {
      // A line ending in a newline has it at offset - 1: each boundary up to there has the newlines before it.
      while (blockSize > 0 && reader.newlines() > newlinesBefore && reader.offset() - 1 >= boundary) {
        blocks.add(newlinesBefore);
        boundary += blockSize;
      }
      newlinesBefore = reader.newlines();
      if (invalid == 0) {
        try {
          String text = reader.text();
          if (header == null && !text.isBlank()) {
            header = text;
            headerLine = reader.lineNumber();
          } else if (header != null && head.size() < HEAD_LINES && !text.isBlank()) {
            head.add(text);
          }
        } catch (CharacterCodingException e) {
          invalid = reader.lineNumber();
          if (blockSize == 0) {
            break;
          }
        }
      }
    }
    while (blockSize > 0 && boundary < reader.offset()) {
      blocks.add(reader.newlines());
      boundary += blockSize;
    }
    return new Pass(header, headerLine, invalid, reader.offset(),
        blocks.stream().mapToLong(Long::longValue).toArray(), head, reader.crLineEnds());
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Counts the bytes of a file as stored as they stream past. */
  private static final class CountingStream extends FilterInputStream {
    private final long[] count;

    CountingStream(InputStream in, long[] count) {
      super(in);
      this.count = count;
    }

    @Override
    public int read() throws IOException {
      int b = super.read();
      if (b >= 0) {
        count[0]++;
      }
      return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      int n = super.read(b, off, len);
      if (n > 0) {
        count[0] += n;
      }
      return n;
    }
  }
}

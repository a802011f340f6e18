package org.tradecurb.ingest;

import java.io.BufferedInputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.zip.GZIPInputStream;

/**
 * Reads customs files as lines of text. Lines are split on bytes (a newline byte never occurs inside a
 * character in UTF-8, GB18030 or Shift_JIS) and each line is decoded strictly, so bytes invalid in the
 * file's encoding fail with the exact line number instead of turning into replacement characters.
 */
public final class TextDecoding {

  private TextDecoding() {}

  static InputStream maybeGunzip(InputStream raw, boolean gzipped) throws IOException {
    return gzipped ? new GZIPInputStream(raw, 1 << 16) : raw;
  }

  /** True when the whole stream decodes as UTF-8 (plain ASCII does). Reads the stream but leaves it open. */
  static boolean isUtf8(InputStream in) throws IOException {
    LineReader lines = new LineReader(in, StandardCharsets.UTF_8);
    try {
      while (lines.next() != null) {
        // Reading to the end is the check.
      }
      return true;
    } catch (CharacterCodingException e) {
      return false;
    }
  }

  /** Lines of a byte stream in one encoding; {@link #lineNumber()} is the 1-based number of the last line. */
  public static final class LineReader implements Closeable {
    private final InputStream in;
    private final CharsetDecoder decoder;
    private byte[] buffer = new byte[256];
    private long lineNumber;

    public LineReader(InputStream in, Charset charset) {
      this.in = new BufferedInputStream(in, 1 << 16);
      this.decoder = charset.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT);
    }

    /**
     * The next line without its line ending, or null at the end.
     *
     * @throws CharacterCodingException when the line's bytes are not valid in the encoding
     */
    public String next() throws IOException {
      int length = 0;
      int b = in.read();
      if (b < 0) {
        return null;
      }
      while (b >= 0 && b != '\n') {
        if (length == buffer.length) {
          buffer = Arrays.copyOf(buffer, buffer.length * 2);
        }
        buffer[length++] = (byte) b;
        b = in.read();
      }
      if (length > 0 && buffer[length - 1] == '\r') {
        length--;
      }
      lineNumber++;
      String line = decoder.reset().decode(ByteBuffer.wrap(buffer, 0, length)).toString();
      return lineNumber == 1 && line.startsWith("\uFEFF") ? line.substring(1) : line;
    }

    public long lineNumber() {
      return lineNumber;
    }

    @Override
    public void close() throws IOException {
      in.close();
    }
  }

  /** The first non-blank line, with its 1-based line number. */
  record Header(String text, long lineNumber) {}

  static Header firstLine(LineReader reader) throws IOException {
    String line;
    while ((line = reader.next()) != null) {
      if (!line.isBlank()) {
        return new Header(line, reader.lineNumber());
      }
    }
    return null;
  }
}

package org.tradecurb.ingest;

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
 * character in UTF-8, GB18030, Windows-1252 or Shift_JIS), which also lets a large file be read in byte
 * ranges by several tasks. Each line is decoded strictly, so bytes invalid in the file's encoding fail with
 * the exact line number instead of turning into replacement characters.
 */
public final class TextDecoding {

  private TextDecoding() {}

  static InputStream maybeGunzip(InputStream raw, boolean gzipped) throws IOException {
    return gzipped ? new GZIPInputStream(raw, 1 << 16) : raw;
  }

  /**
   * Lines of a byte stream in one encoding. {@link #lineNumber()} is the 1-based number of the last line
   * returned, {@link #lineStart()} and {@link #lineEnd()} its byte offsets (the end is its newline's offset).
   */
  public static final class LineReader implements Closeable {
    private final InputStream in;
    private final CharsetDecoder decoder;
    /** Every byte below 0x80 is that ASCII character in this encoding: such lines need no decoder. */
    private final boolean asciiCompatible;
    private final byte[] buffer = new byte[1 << 16];
    private int position;
    private int limit;
    private byte[] line = new byte[256];
    private int length;
    private boolean ascii;
    private long offset;
    private long lineStart;
    private long lineNumber;
    private long newlines;

    public LineReader(InputStream in, Charset charset) {
      this(in, charset, 0, 0);
    }

    /**
     * A reader whose stream starts at byte {@code offset} of the file, just after line
     * {@code linesBefore}: for a task reading a byte range.
     */
    public LineReader(InputStream in, Charset charset, long offset, long linesBefore) {
      this.in = in;
      this.decoder = charset.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT);
      this.asciiCompatible = charset.equals(StandardCharsets.UTF_8) || charset.equals(StandardCharsets.US_ASCII)
          || charset.name().equals("GB18030") || charset.name().startsWith("windows-")
          || charset.equals(StandardCharsets.ISO_8859_1);
      this.offset = offset;
      this.lineNumber = linesBefore;
    }

    private boolean fill() throws IOException {
      int n = in.read(buffer, 0, buffer.length);
      if (n <= 0) {
        return false;
      }
      position = 0;
      limit = n;
      return true;
    }

    /**
     * Reads the next line's bytes (without its line ending) and returns true, or false at the end.
     * {@link #text()} decodes them.
     */
    public boolean advance() throws IOException {
      length = 0;
      ascii = true;
      lineStart = offset;
      boolean any = false;
      while (true) {
        if (position == limit && !fill()) {
          if (!any) {
            return false;
          }
          break;
        }
        any = true;
        int start = position;
        int end = start;
        boolean high = false;
        while (end < limit) {
          byte b = buffer[end];
          if (b == '\n') {
            break;
          }
          high |= b < 0;
          end++;
        }
        ascii &= !high;
        int n = end - start;
        if (length + n > line.length) {
          line = Arrays.copyOf(line, Math.max(line.length * 2, length + n));
        }
        System.arraycopy(buffer, start, line, length, n);
        length += n;
        offset += n;
        position = end;
        if (end < limit) {
          position++;
          offset++;
          newlines++;
          break;
        }
      }
      if (length > 0 && line[length - 1] == '\r') {
        length--;
      }
      lineNumber++;
      return true;
    }

    /**
     * The current line as text.
     *
     * @throws CharacterCodingException when its bytes are not valid in the encoding
     */
    public String text() throws CharacterCodingException {
      String text = ascii && asciiCompatible ? new String(line, 0, length, StandardCharsets.ISO_8859_1)
          : decoder.reset().decode(ByteBuffer.wrap(line, 0, length)).toString();
      return lineNumber == 1 && text.startsWith("\uFEFF") ? text.substring(1) : text;
    }

    /** The next line, or null at the end. */
    public String next() throws IOException {
      return advance() ? text() : null;
    }

    /**
     * For a reader whose stream starts one byte before its range: moves to the first line starting in the
     * range. A newline in that byte means the range starts with a line; otherwise the line running into the
     * range belongs to the range before, and its newline is counted.
     */
    public void skipPartialLine() throws IOException {
      boolean first = true;
      while (position < limit || fill()) {
        byte b = buffer[position++];
        offset++;
        if (b == '\n') {
          if (!first) {
            lineNumber++;
          }
          return;
        }
        first = false;
      }
    }

    public long lineNumber() {
      return lineNumber;
    }

    /** Newlines read so far, from where the reader started. */
    public long newlines() {
      return newlines;
    }

    public long lineStart() {
      return lineStart;
    }

    /** Offset just past the current line's newline (or of the end of the stream). */
    public long offset() {
      return offset;
    }

    public boolean isBlank() {
      for (int i = 0; i < length; i++) {
        if (line[i] != ' ' && line[i] != '\t' && line[i] != '\r') {
          return false;
        }
      }
      return true;
    }

    @Override
    public void close() throws IOException {
      in.close();
    }
  }

  /** The first non-blank line, with its 1-based line number. */
  record Header(String text, long lineNumber) {}
}

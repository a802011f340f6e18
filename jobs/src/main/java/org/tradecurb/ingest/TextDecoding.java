package org.tradecurb.ingest;

import java.io.Closeable;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.MalformedInputException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * Reads customs files as lines of text. Lines are split on bytes (a newline byte never occurs inside a
 * character in UTF-8, GB18030, Windows-1252 or Shift_JIS), which also lets a large file be read in byte
 * ranges by several tasks; UTF-16 files, the exception, are read whole through a transcoder. Each line is decoded strictly, so bytes invalid in the file's encoding fail with
 * the exact line number instead of turning into replacement characters.
 */
public final class TextDecoding {

  private TextDecoding() {}

  /** The text of a file as stored: gunzipped, or the one file its zip archive holds. */
  static InputStream decompressed(InputStream raw, InputFile file) throws IOException {
    if (file.gzipped()) {
      return new GZIPInputStream(raw, 1 << 16);
    }
    return file.zipped() ? ZipEntryStream.single(raw) : raw;
  }

  /**
   * The one file of a zip archive, streamed (folders and macOS metadata aside): an archive of none fails at
   * once, one of several when the first file ends, so its rows are never taken for the whole archive's.
   */
  static final class ZipEntryStream extends FilterInputStream {
    private final ZipInputStream zip;
    private final String name;
    private boolean checked;

    private ZipEntryStream(ZipInputStream zip, String name) {
      super(zip);
      this.zip = zip;
      this.name = name;
    }

    static InputStream single(InputStream raw) throws IOException {
      ZipInputStream zip = new ZipInputStream(raw);
      ZipEntry entry = nextFile(zip);
      if (entry == null) {
        throw new IOException("the zip archive holds no file");
      }
      return new ZipEntryStream(zip, entry.getName());
    }

    private static ZipEntry nextFile(ZipInputStream zip) throws IOException {
      for (ZipEntry e = zip.getNextEntry(); e != null; e = zip.getNextEntry()) {
        String n = e.getName();
        if (!e.isDirectory() && !n.startsWith("__MACOSX/") && !n.substring(n.lastIndexOf('/') + 1).startsWith("._")) {
          return e;
        }
      }
      return null;
    }

    private int ended(int n) throws IOException {
      if (n < 0 && !checked) {
        checked = true;
        ZipEntry more = nextFile(zip);
        if (more != null) {
          throw new IOException("the zip archive holds more than one file (" + name + ", " + more.getName()
              + ", ...): extract them into the folder");
        }
      }
      return n;
    }

    @Override
    public int read() throws IOException {
      int b = super.read();
      return b < 0 ? ended(b) : b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      return ended(super.read(b, off, len));
    }
  }

  /**
   * The encoding a UTF-16 byte-order mark at the start of the stream names, or null; the stream must support
   * mark/reset and is left where it was.
   */
  static Charset utf16ByBom(InputStream in) throws IOException {
    in.mark(2);
    int first = in.read();
    int second = in.read();
    in.reset();
    if (first == 0xFF && second == 0xFE) {
      return StandardCharsets.UTF_16LE;
    }
    return first == 0xFE && second == 0xFF ? StandardCharsets.UTF_16BE : null;
  }

  static boolean isUtf16(Charset charset) {
    return charset.equals(StandardCharsets.UTF_16LE) || charset.equals(StandardCharsets.UTF_16BE);
  }

  /**
   * The text of a file as the line reader takes it: decompressed, and UTF-16 turned into UTF-8 (a UTF-16
   * newline is two bytes, so lines cannot be split on bytes until then).
   */
  static InputStream text(InputStream raw, InputFile file, Charset charset) throws IOException {
    InputStream in = decompressed(raw, file);
    return isUtf16(charset) ? new Utf8Transcoder(in, charset) : in;
  }

  /** The encoding the line reader decodes {@link #text} in. */
  static Charset lineCharset(Charset charset) {
    return isUtf16(charset) ? StandardCharsets.UTF_8 : charset;
  }

  /** UTF-16 in, UTF-8 out; bytes invalid in UTF-16 fail the read with a CharacterCodingException. */
  static final class Utf8Transcoder extends InputStream {
    private final Reader reader;
    private final char[] chars = new char[1 << 14];
    private int held; // a high surrogate waiting for its pair from the next read
    private byte[] bytes = new byte[0];
    private int position;

    Utf8Transcoder(InputStream in, Charset charset) {
      this.reader = new InputStreamReader(in, charset.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT));
    }

    private boolean fill() throws IOException {
      while (position == bytes.length) {
        int n = reader.read(chars, held, chars.length - held);
        if (n < 0) {
          if (held == 0) {
            return false;
          }
          throw new MalformedInputException(1);
        }
        int end = held + n;
        held = end > 0 && Character.isHighSurrogate(chars[end - 1]) ? 1 : 0;
        bytes = new String(chars, 0, end - held).getBytes(StandardCharsets.UTF_8);
        position = 0;
        if (held == 1) {
          chars[0] = chars[end - 1];
        }
      }
      return true;
    }

    @Override
    public int read() throws IOException {
      return fill() ? bytes[position++] & 0xFF : -1;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      if (len == 0) {
        return 0;
      }
      if (!fill()) {
        return -1;
      }
      int n = Math.min(len, bytes.length - position);
      System.arraycopy(bytes, position, b, off, n);
      position += n;
      return n;
    }

    @Override
    public void close() throws IOException {
      reader.close();
    }
  }

  /**
   * Longest line a reader takes, in bytes: customs rows are a few hundred bytes, so a longer line is a file
   * whose line breaks are lost or not a table at all — refused, rather than held in memory until it ends.
   */
  public static final int MAX_LINE_BYTES = 1 << 20;

  /**
   * Lines of a byte stream in one encoding. {@link #lineNumber()} is the 1-based number of the last line
   * returned, {@link #lineStart()} and {@link #lineEnd()} its byte offsets (the end is its newline's offset).
   * Lines end with LF or CRLF; a stream whose first line ends with a lone CR (classic Mac text, as older
   * spreadsheets save CSV) has CR line ends throughout ({@link #crLineEnds()}), and such a file cannot be read
   * in byte ranges.
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
    /** Whether a CR may end the line being read: on a stream's first line, to find out, and in a CR file. */
    private boolean crMayEnd;
    private boolean crLineEnds;

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
      this.crMayEnd = offset == 0;
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
     *
     * @throws IOException also when the line is longer than {@link #MAX_LINE_BYTES}
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
          if (b == '\n' || b == '\r' && crMayEnd) {
            break;
          }
          high |= b < 0;
          end++;
        }
        ascii &= !high;
        append(start, end);
        position = end;
        if (end == limit) {
          continue;
        }
        boolean cr = buffer[end] == '\r';
        position++;
        offset++;
        newlines++;
        if (cr) {
          if (position == limit) {
            fill();
          }
          if (position < limit && buffer[position] == '\n') {
            position++;
            offset++;
          } else {
            crLineEnds = true;
          }
        }
        break;
      }
      crMayEnd = crLineEnds;
      if (length > 0 && line[length - 1] == '\r') {
        length--;
      }
      lineNumber++;
      return true;
    }

    private void append(int start, int end) throws IOException {
      int n = end - start;
      if (length + n > MAX_LINE_BYTES) {
        throw new IOException("line " + (lineNumber + 1) + " is longer than " + (MAX_LINE_BYTES >> 20)
            + " MiB: not a table of customs data, or its line breaks are lost");
      }
      if (length + n > line.length) {
        line = Arrays.copyOf(line, Math.max(line.length * 2, length + n));
      }
      System.arraycopy(buffer, start, line, length, n);
      length += n;
      offset += n;
    }

    /** Whether the stream's lines end with a lone CR (found on its first line). */
    public boolean crLineEnds() {
      return crLineEnds;
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

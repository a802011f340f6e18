package org.tradecurb.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Line ends as files have them (LF, CRLF, classic Mac CR), each line at its number, and a bound on length. */
class LineReaderTest {

  /** Each line as "number:text", read through a stream that hands out at most {@code chunk} bytes a read. */
  private static List<String> lines(String text, int chunk, boolean[] crLineEnds) throws IOException {
    List<String> out = new ArrayList<>();
    try (TextDecoding.LineReader reader = new TextDecoding.LineReader(chunked(text, chunk),
        StandardCharsets.UTF_8)) {
      while (reader.advance()) {
        out.add(reader.lineNumber() + ":" + reader.text());
      }
      crLineEnds[0] = reader.crLineEnds();
    }
    return out;
  }

  private static InputStream chunked(String text, int chunk) {
    return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)) {
      @Override
      public synchronized int read(byte[] b, int off, int len) {
        return super.read(b, off, Math.min(len, chunk));
      }
    };
  }

  @Test
  void lfCrlfAndCrLineEndsGiveTheSameNumberedLinesWhereverTheReadsBreak() throws IOException {
    List<String> expected = List.of("1:a,b", "2:c,d", "3:", "4:e,f");
    // Chunks of one and two bytes put a CR at the end of a read, its LF (or not) at the start of the next.
    for (int chunk : new int[] {1, 2, 3, 1 << 16}) {
      boolean[] cr = new boolean[1];
      assertEquals(expected, lines("a,b\nc,d\n\ne,f\n", chunk, cr), "LF, chunk " + chunk);
      assertFalse(cr[0]);
      assertEquals(expected, lines("a,b\r\nc,d\r\n\r\ne,f", chunk, cr), "CRLF, chunk " + chunk);
      assertFalse(cr[0]);
      assertEquals(expected, lines("a,b\rc,d\r\re,f\r", chunk, cr), "CR, chunk " + chunk);
      assertTrue(cr[0], "a lone CR ending the first line makes a CR file");
    }
  }

  @Test
  void aLoneCrInsideALineOfAnLfFileStaysText() throws IOException {
    boolean[] cr = new boolean[1];
    assertEquals(List.of("1:a,b", "2:c\rd", "3:e"), lines("a,b\nc\rd\ne\n", 1 << 16, cr),
        "line numbers as an editor counts them");
    assertFalse(cr[0]);
  }

  @Test
  void aLineLongerThanTheBoundIsRefusedByNumber() throws IOException {
    String longLine = "9".repeat(TextDecoding.MAX_LINE_BYTES + 1);
    boolean[] cr = new boolean[1];
    IOException e = assertThrows(IOException.class, () -> lines("h1,h2\nshort\n" + longLine + "\n", 1 << 16, cr));
    assertTrue(e.getMessage().startsWith("line 3 is longer than 1 MiB"), e.getMessage());
    assertEquals(2, lines("h\n" + "9".repeat(TextDecoding.MAX_LINE_BYTES) + "\n", 1 << 16, cr).size(),
        "a line of exactly the bound is read");
  }
}

package org.tradecurb.generate;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.tradecurb.ingest.CustomsFormat;
import org.tradecurb.ingest.FileLayoutException;
import org.tradecurb.ingest.Formats;
import org.tradecurb.ingest.LineOutcome;
import org.tradecurb.ingest.Reason;
import org.tradecurb.ingest.RowRejected;
import org.tradecurb.ingest.Source;
import org.tradecurb.ingest.SourceRecord;

/**
 * Reads a generated folder the way ingest does, without Spark: the folder gives the source (and China's
 * flow), README, *.md and *.txt files are skipped, gzip is unpacked, text is UTF-8 when it decodes strictly
 * as such and the format's fallback encoding otherwise, and every data line goes through the format's parser.
 */
final class IngestedFiles {

  record Rejection(String path, long line, Reason reason, String message) {}

  record Record(String path, long line, SourceRecord record) {}

  final List<Record> records = new ArrayList<>();
  final List<Rejection> rejections = new ArrayList<>();
  final List<String> files = new ArrayList<>();

  static IngestedFiles read(Path root) throws IOException {
    IngestedFiles result = new IngestedFiles();
    List<Path> paths;
    try (Stream<Path> walk = Files.walk(root)) {
      paths = walk.filter(Files::isRegularFile).sorted().toList();
    }
    for (Path p : paths) {
      String relative = root.relativize(p).toString().replace('\\', '/');
      String name = p.getFileName().toString();
      if (name.startsWith("README") || name.endsWith(".md") || name.endsWith(".txt")) {
        continue;
      }
      result.readFile(p, relative, name);
    }
    return result;
  }

  private void readFile(Path p, String relative, String name) throws IOException {
    Source source;
    String flow = null;
    if (relative.startsWith("comtrade/")) {
      source = Source.COMTRADE;
    } else if (relative.startsWith("japan-customs/")) {
      source = Source.JAPAN_CUSTOMS;
    } else if (relative.startsWith("china-customs/exports/") || relative.startsWith("china-customs/imports/")) {
      source = Source.CHINA_CUSTOMS;
      flow = relative.startsWith("china-customs/exports/") ? SourceRecord.EXPORT : SourceRecord.IMPORT;
    } else {
      throw new AssertionError(relative + " is in no folder ingest reads");
    }
    files.add(relative);
    CustomsFormat format = Formats.of(source);
    byte[] bytes = Files.readAllBytes(p);
    if (name.endsWith(".gz")) {
      try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(bytes))) {
        bytes = in.readAllBytes();
      }
    }
    Charset charset = decodes(bytes, StandardCharsets.UTF_8) ? StandardCharsets.UTF_8 : format.fallbackCharset();
    String text = decode(bytes, charset, relative);
    // Lines end at a newline byte, without a carriage return before it, as ingest splits them.
    String[] lines = text.split("\n", -1);
    try {
      CustomsFormat.FileParser parser = format.open(stripCr(lines[0]), new CustomsFormat.FileContext(relative, name,
          flow));
      for (int i = 1; i < lines.length; i++) {
        String line = stripCr(lines[i]);
        if (line.isBlank()) {
          continue;
        }
        LineOutcome out = parser.parse(line);
        if (!out.isAccepted()) {
          rejections.add(new Rejection(relative, i + 1, out.reason(), out.message()));
          continue;
        }
        for (SourceRecord r : format.interpret(out.fields())) {
          records.add(new Record(relative, i + 1, r));
        }
      }
    } catch (FileLayoutException e) {
      throw new AssertionError(relative + ": header refused: " + e.getMessage(), e);
    } catch (RowRejected e) {
      throw new AssertionError(relative + ": an accepted line did not interpret: " + e.getMessage(), e);
    }
  }

  private static String stripCr(String line) {
    return line.endsWith("\r") ? line.substring(0, line.length() - 1) : line;
  }

  private static boolean decodes(byte[] bytes, Charset charset) {
    try {
      strict(charset).decode(ByteBuffer.wrap(bytes));
      return true;
    } catch (CharacterCodingException e) {
      return false;
    }
  }

  private static String decode(byte[] bytes, Charset charset, String path) {
    try {
      return strict(charset).decode(ByteBuffer.wrap(bytes)).toString();
    } catch (CharacterCodingException e) {
      throw new AssertionError(path + " is not valid " + charset, e);
    }
  }

  private static CharsetDecoder strict(Charset charset) {
    return charset.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
        .onUnmappableCharacter(CodingErrorAction.REPORT);
  }
}

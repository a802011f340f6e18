package org.tradecurb.ingest;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.tradecurb.spark.HadoopConf;

/**
 * Reads customs files on the executors, one file per task, streaming line by line (gzip included), so a
 * bulk Comtrade file never has to fit in memory. Two passes: a fingerprint (checksum, encoding, header),
 * then, for files not ingested before, the parse of every line into a bronze row or a quarantine reason.
 */
public final class RawFileReader {

  /** Kinds of parse output rows. A SUMMARY row per file carries how many data lines it read. */
  public static final String ACCEPTED = "ACCEPTED";
  public static final String QUARANTINED = "QUARANTINED";
  public static final String FILE_ERROR = "FILE_ERROR";
  public static final String SUMMARY = "SUMMARY";

  public static final StructType PARSED = new StructType()
      .add("kind", DataTypes.StringType, false)
      .add("source_file", DataTypes.StringType, false)
      .add("source_line", DataTypes.LongType, false)
      .add("raw_line", DataTypes.StringType, true)
      .add("reason_code", DataTypes.StringType, true)
      .add("reason_message", DataTypes.StringType, true)
      .add("ref_year", DataTypes.IntegerType, true)
      .add("fields", DataTypes.createArrayType(DataTypes.StringType, true), true);

  private final SparkSession spark;

  public RawFileReader(SparkSession spark) {
    this.spark = spark;
  }

  private JavaSparkContext jsc() {
    return JavaSparkContext.fromSparkContext(spark.sparkContext());
  }

  /**
   * One task per file (at most a few hundred files a run), largest first, so small customs files are not
   * packed into a single task as Spark's whole-file readers do.
   */
  private <T> org.apache.spark.api.java.JavaRDD<T> perFile(List<T> items, java.util.function.ToLongFunction<T> size) {
    List<T> ordered = new java.util.ArrayList<>(items);
    ordered.sort(java.util.Comparator.comparingLong(size).reversed());
    return jsc().parallelize(ordered, Math.max(1, Math.min(ordered.size(), 4 * jsc().defaultParallelism())));
  }

  /** The first pass over each file; small results, collected to the driver. */
  public List<FileFingerprint> fingerprint(List<InputFile> files) {
    if (files.isEmpty()) {
      return List.of();
    }
    HadoopConf conf = new HadoopConf(spark.sparkContext().hadoopConfiguration());
    return perFile(files, InputFile::size).map(f -> fingerprintOne(f, conf)).collect();
  }

  /** Opens a file on whatever file system holds it (local, HDFS, S3, ...). */
  static InputStream open(InputFile file, HadoopConf conf) throws IOException {
    org.apache.hadoop.fs.Path path = new org.apache.hadoop.fs.Path(file.uri());
    return path.getFileSystem(conf.get()).open(path);
  }

  static FileFingerprint fingerprintOne(InputFile file, HadoopConf conf) throws IOException {
    MessageDigest digest = sha256();
    long[] size = {0};
    boolean utf8;
    try (InputStream raw = new DigestInputStream(new CountingStream(open(file, conf), size), digest);
         InputStream in = TextDecoding.maybeGunzip(raw, file.gzipped())) {
      // Comtrade publishes UTF-8 only: skip the extra decode of what may be a large bulk file.
      utf8 = file.source() == Source.COMTRADE || TextDecoding.isUtf8(in);
      raw.transferTo(OutputStreamSink.INSTANCE);
    } catch (IOException e) {
      return new FileFingerprint(file, null, size[0], null, null, 0, "cannot read " + file.relativePath()
          + (file.gzipped() ? " as gzip" : "") + ": " + e.getMessage());
    }
    String hash = HexFormat.of().formatHex(digest.digest());
    Charset charset = utf8 ? StandardCharsets.UTF_8 : file.format().fallbackCharset();
    TextDecoding.LineReader reader = new TextDecoding.LineReader(
        TextDecoding.maybeGunzip(open(file, conf), file.gzipped()), charset);
    try (reader) {
      TextDecoding.Header header = TextDecoding.firstLine(reader);
      if (header == null) {
        return new FileFingerprint(file, hash, size[0], charset.name(), null, 0,
            file.relativePath() + " is empty: expected a header line");
      }
      try {
        file.format().open(header.text(), file.context());
      } catch (FileLayoutException e) {
        return new FileFingerprint(file, hash, size[0], charset.name(), header.text(), header.lineNumber(),
            file.relativePath() + " line " + header.lineNumber() + ": " + e.getMessage());
      }
      return new FileFingerprint(file, hash, size[0], charset.name(), header.text(), header.lineNumber(), null);
    } catch (CharacterCodingException e) {
      return new FileFingerprint(file, hash, size[0], charset.name(), null, 0, file.relativePath()
          + " line " + reader.lineNumber() + ": bytes are not valid " + charset.name());
    }
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * Parses every data line of the given readable files. Each line yields one ACCEPTED or QUARANTINED row; a
   * file that stops decoding midway yields a FILE_ERROR row (its other rows are then discarded by the
   * caller); every file ends with a SUMMARY row counting the data lines read.
   */
  public Dataset<Row> parse(List<FileFingerprint> files) {
    if (files.isEmpty()) {
      return spark.createDataFrame(List.of(), PARSED);
    }
    HadoopConf conf = new HadoopConf(spark.sparkContext().hadoopConfiguration());
    return spark.createDataFrame(perFile(files, FileFingerprint::size).flatMap(f -> new LineRows(f, conf)), PARSED);
  }

  /** The rows of one file, produced lazily while the file streams past. */
  static final class LineRows implements Iterator<Row> {
    private final FileFingerprint fingerprint;
    private final CustomsFormat.FileParser parser;
    private final TextDecoding.LineReader reader;
    private final String file;
    private long dataLines;
    private Row next;
    private boolean finished;

    LineRows(FileFingerprint fingerprint, HadoopConf conf) throws IOException, FileLayoutException {
      this.fingerprint = fingerprint;
      InputFile input = fingerprint.file();
      this.file = input.relativePath();
      this.parser = input.format().open(fingerprint.header(), input.context());
      this.reader = new TextDecoding.LineReader(
          TextDecoding.maybeGunzip(open(input, conf), input.gzipped()), Charset.forName(fingerprint.charset()));
    }

    @Override
    public boolean hasNext() {
      if (next == null && !finished) {
        next = advance();
      }
      return next != null;
    }

    @Override
    public Row next() {
      if (!hasNext()) {
        throw new NoSuchElementException();
      }
      Row row = next;
      next = null;
      return row;
    }

    private Row advance() {
      try {
        String line;
        while ((line = reader.next()) != null) {
          long lineNumber = reader.lineNumber();
          if (lineNumber <= fingerprint.headerLine() || line.isBlank()) {
            continue;
          }
          dataLines++;
          LineOutcome outcome = parser.parse(line);
          if (outcome.isAccepted()) {
            return RowFactory.create(ACCEPTED, file, lineNumber, null, null, null, outcome.refYear(),
                outcome.fields().toArray(new String[0]));
          }
          return RowFactory.create(QUARANTINED, file, lineNumber, line, outcome.reason().name(),
              outcome.message(), null, null);
        }
        return finish(RowFactory.create(SUMMARY, file, dataLines, null, null, null, null, null));
      } catch (CharacterCodingException e) {
        long lineNumber = reader.lineNumber();
        return finish(RowFactory.create(FILE_ERROR, file, lineNumber, null, "UNDECODABLE",
            file + " line " + lineNumber + ": bytes are not valid " + fingerprint.charset(), null, null));
      } catch (IOException e) {
        throw new UncheckedIOException("reading " + file + " after line " + reader.lineNumber(), e);
      }
    }

    private Row finish(Row last) {
      finished = true;
      try {
        reader.close();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      return last;
    }
  }

  /** Counts the compressed bytes of a file as they stream past. */
  private static final class CountingStream extends java.io.FilterInputStream {
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

  /** Drains a stream (the digest needs every byte, including any after the gzip trailer). */
  private static final class OutputStreamSink extends java.io.OutputStream {
    static final OutputStreamSink INSTANCE = new OutputStreamSink();

    @Override
    public void write(int b) {}

    @Override
    public void write(byte[] b, int off, int len) {}
  }
}

package org.tradecurb.ingest;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.tradecurb.quality.Quarantine;
import org.tradecurb.spark.HadoopConf;
import org.tradecurb.spark.JavaRows;
import org.tradecurb.spark.TaskGroups;
import org.tradecurb.spark.KeyedAccumulator;

/**
 * Reads customs files on the executors, streaming (gzip included), so a bulk Comtrade file never has to fit
 * in memory. Two passes: a scan of each file ({@link FileScan}), then the parse of the new or revised files
 * into bronze rows, a large uncompressed file by several tasks at once ({@link ParseSplit}); small files
 * share tasks ({@link TaskGroups}).
 * Refused lines and counts travel back in {@link SplitReport}s while the bronze rows are written.
 */
public final class RawFileReader {

  private final SparkSession spark;
  private final long taskBytes;

  /** @param taskBytes at most this many bytes a task, unless that makes fewer than two tasks per core */
  public RawFileReader(SparkSession spark, long taskBytes) {
    this.spark = spark;
    this.taskBytes = taskBytes;
  }

  private JavaSparkContext jsc() {
    return JavaSparkContext.fromSparkContext(spark.sparkContext());
  }

  /** Opens a file on whatever file system holds it (local, HDFS, S3, ...). */
  static FSDataInputStream open(InputFile file, HadoopConf conf) throws IOException {
    org.apache.hadoop.fs.Path path = new org.apache.hadoop.fs.Path(file.uri());
    return path.getFileSystem(conf.get()).open(path);
  }

  /**
   * The first pass over every file, the files packed into a few tasks;
   * small results, collected to the driver.
   */
  public List<FileFingerprint> scan(List<InputFile> files, long blockSize) {
    if (files.isEmpty()) {
      return List.of();
    }
    List<ArrayList<InputFile>> groups = TaskGroups.pack(files, InputFile::size, TaskGroups.count(
        files.stream().mapToLong(InputFile::size).sum(), spark.sparkContext().defaultParallelism(), taskBytes));
    HadoopConf conf = new HadoopConf(spark.sparkContext().hadoopConfiguration());
    return jsc().parallelize(groups, groups.size())
        .flatMap(g -> g.stream().map(f -> FileScan.scan(f, conf, blockSize)).iterator()).collect();
  }

  /**
   * The bronze rows of the splits (all of one source), in the bronze table's columns; counts and refused
   * lines go to {@code tally} as the rows are produced. Nothing is read until the rows are written.
   */
  public Dataset<Row> bronze(Source source, List<ParseSplit> splits, KeyedAccumulator<Integer, SplitReport> tally, String runId, Timestamp ingestedAt) {
    HadoopConf conf = new HadoopConf(spark.sparkContext().hadoopConfiguration());
    List<ArrayList<ParseSplit>> groups = tasks(splits);
    return JavaRows.frame(spark, jsc().parallelize(groups, groups.size())
        .flatMap(g -> new Chained(g, s -> new SplitRows(s, conf, tally, runId, ingestedAt))),
        BronzeTables.of(source).schema());
  }

  private List<ArrayList<ParseSplit>> tasks(List<ParseSplit> splits) {
    return TaskGroups.pack(splits, ParseSplit::bytes, TaskGroups.count(
        splits.stream().mapToLong(ParseSplit::bytes).sum(), spark.sparkContext().defaultParallelism(), taskBytes));
  }

  /** The quarantine rows of the splits, read again: for splits that refused too many lines to report inline. */
  public Dataset<Row> refused(List<ParseSplit> splits, String stage, String runId, Timestamp at) {
    HadoopConf conf = new HadoopConf(spark.sparkContext().hadoopConfiguration());
    List<ArrayList<ParseSplit>> groups = tasks(splits);
    return JavaRows.frame(spark, jsc().parallelize(groups, groups.size())
        .flatMap(g -> new Chained(g, s -> new SplitRows(s, conf, null, runId, at)))
        .map(r -> RowFactory.create(stage, r.getString(0), r.getString(1), r.get(2), r.getString(3), r.getString(4),
            r.getString(5), null, runId, at)), Quarantine.TABLE.schema());
  }

  /** The rows of a task's splits one split after another, each split opened only when the last one ends. */
  static final class Chained implements Iterator<Row> {
    private final Iterator<ParseSplit> splits;
    private final SplitOpener open;
    private Iterator<Row> current = java.util.Collections.emptyIterator();

    interface SplitOpener {
      Iterator<Row> open(ParseSplit split) throws IOException, FileLayoutException;
    }

    Chained(List<ParseSplit> splits, SplitOpener open) {
      this.splits = splits.iterator();
      this.open = open;
    }

    @Override
    public boolean hasNext() {
      while (!current.hasNext() && splits.hasNext()) {
        ParseSplit split = splits.next();
        try {
          current = open.open(split);
        } catch (IOException e) {
          throw new UncheckedIOException("opening " + split.file().file().relativePath(), e);
        } catch (FileLayoutException e) {
          throw new IllegalStateException(split.file().file().relativePath() + ": " + e.getMessage(), e);
        }
      }
      return current.hasNext();
    }

    @Override
    public Row next() {
      if (!hasNext()) {
        throw new NoSuchElementException();
      }
      return current.next();
    }
  }

  /**
   * The rows of one split, produced lazily while the file streams past. With a tally: bronze rows, the
   * refused lines reported at the end. Without: only the refused lines, as (source, file, line, raw, reason,
   * message) rows.
   */
  static final class SplitRows implements Iterator<Row> {
    private final ParseSplit split;
    private final FileFingerprint fingerprint;
    private final CustomsFormat.FileParser parser;
    private final TextDecoding.LineReader reader;
    private final KeyedAccumulator<Integer, SplitReport> tally;
    private final SplitReport report;
    private final Object[] lineage;
    private final int width;
    private Row next;
    private boolean finished;

    SplitRows(ParseSplit split, HadoopConf conf, KeyedAccumulator<Integer, SplitReport> tally, String runId, Timestamp ingestedAt)
        throws IOException, FileLayoutException {
      this.split = split;
      this.fingerprint = split.file();
      this.tally = tally;
      InputFile input = fingerprint.file();
      this.report = new SplitReport(split.id(), input.relativePath());
      this.parser = input.format().open(fingerprint.header(), fingerprint.context());
      this.width = input.format().bronzeColumns().size();
      this.lineage = new Object[] {input.relativePath(), null, fingerprint.sha256(), runId, ingestedAt, null};
      Charset charset = Charset.forName(fingerprint.charset());
      FSDataInputStream raw = open(input, conf);
      if (split.start() == 0) {
        this.reader = new TextDecoding.LineReader(TextDecoding.text(raw, input, charset),
            TextDecoding.lineCharset(charset));
      } else {
        raw.seek(split.start() - 1);
        this.reader = new TextDecoding.LineReader(raw, charset, split.start() - 1, split.linesBefore());
        reader.skipPartialLine();
      }
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
      String file = report.file;
      try {
        while (reader.advance()) {
          if (reader.lineStart() >= split.end()) {
            break;
          }
          long lineNumber = reader.lineNumber();
          if (lineNumber <= fingerprint.headerLine() || reader.isBlank()) {
            continue;
          }
          String line = reader.text();
          report.dataLines++;
          LineOutcome outcome = parser.parse(line);
          if (outcome.isAccepted()) {
            report.accepted++;
            report.years.add(outcome.refYear());
            if (tally == null) {
              continue;
            }
            Object[] values = new Object[lineage.length + width];
            System.arraycopy(lineage, 0, values, 0, lineage.length);
            values[1] = lineNumber;
            values[5] = outcome.refYear();
            for (int i = 0; i < width; i++) {
              values[lineage.length + i] = outcome.fields().get(i);
            }
            return RowFactory.create(values);
          }
          SplitReport.Refused refused = new SplitReport.Refused(lineNumber, line, outcome.reason().name(),
              outcome.message());
          report.refuse(refused);
          if (tally == null) {
            return RowFactory.create(fingerprint.file().source().id, file, lineNumber, line,
                refused.reason(), refused.message());
          }
        }
        finish();
        return null;
      } catch (CharacterCodingException e) {
        // The scan decoded every line: the file changed since. Fail rather than land a mix of two versions.
        throw new IllegalStateException(file + " line " + reader.lineNumber() + " no longer decodes as "
            + fingerprint.charset() + ": the file changed while it was being read; run again", e);
      } catch (IOException e) {
        throw new UncheckedIOException("reading " + file + " after line " + reader.lineNumber(), e);
      }
    }

    private void finish() throws IOException {
      finished = true;
      reader.close();
      if (tally != null) {
        tally.add(Map.entry(report.split, report));
      }
    }
  }
}

package org.tradecurb.ingest;

import java.io.Serializable;
import java.nio.charset.Charset;
import java.util.List;

/**
 * One published customs file format. It reads a file's header into a {@link FileParser}, turns each data
 * line into the fields as published (the bronze row), and interprets a bronze row as typed monthly
 * records. Ingest and normalize share the interpretation, so a row accepted into bronze always normalizes.
 */
public interface CustomsFormat extends Serializable {

  Source source();

  /** The bronze columns holding the published fields, in order. */
  List<String> bronzeColumns();

  /** The encoding to use when a file is not valid UTF-8. */
  Charset fallbackCharset();

  /**
   * Reads the header line.
   *
   * @throws FileLayoutException naming what the header should hold, when the file is not of this format
   */
  FileParser open(String header, FileContext file) throws FileLayoutException;

  /**
   * The bronze columns {@link #interpret} reads; the others (descriptions, names) may be null. Normalize reads
   * only these from bronze.
   */
  default List<String> interpretedColumns() {
    return bronzeColumns();
  }

  /** The monthly records a bronze row stands for, or the reason the row cannot be used. */
  List<SourceRecord> interpret(List<String> fields) throws RowRejected;

  /** Turns the data lines of one file into bronze fields or quarantine reasons. */
  interface FileParser extends Serializable {
    LineOutcome parse(String line);
  }

  /**
   * Whether every row of a file belongs to one year (the file's year, see {@link FileContext#year}), so a row
   * of another year is a fault rather than data.
   */
  default boolean oneYearPerFile() {
    return false;
  }

  /**
   * What the ingest knows of a file besides its lines: its name, the folder it sat in, and for formats that
   * publish one year per file, the year most of its first data lines carry (null before the scan has read
   * them, or when no line is readable).
   */
  record FileContext(String relativePath, String fileName, String flow, Integer year) implements Serializable {
    public FileContext(String relativePath, String fileName, String flow) {
      this(relativePath, fileName, flow, null);
    }
  }
}

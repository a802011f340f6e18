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

  /** What the ingest knows of a file besides its content: its name and the folder it sat in. */
  record FileContext(String relativePath, String fileName, String flow) implements Serializable {}
}

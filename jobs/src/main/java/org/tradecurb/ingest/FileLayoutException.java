package org.tradecurb.ingest;

/** A file that cannot be read as its source's format at all: nothing of it is written. */
public class FileLayoutException extends Exception {

  public FileLayoutException(String message) {
    super(message);
  }
}

package org.tradecurb.ingest;

/** A row that breaks a format rule: it goes to quarantine with this reason and message. */
public final class RowRejected extends Exception {

  final Reason reason;

  RowRejected(Reason reason, String message) {
    super(message, null, false, false);
    this.reason = reason;
  }

  public Reason reason() {
    return reason;
  }
}

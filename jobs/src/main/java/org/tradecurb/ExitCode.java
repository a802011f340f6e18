package org.tradecurb;

/** Process exit codes: schedulers branch on them, so each failure class keeps its number. */
public enum ExitCode {
  OK(0),
  FAILURE(1),
  BAD_CONFIGURATION(2),
  UNREADABLE_INPUT(3),
  RECONCILIATION_FAILED(4),
  WAREHOUSE_BUSY(5),
  USAGE(64);

  public final int code;

  ExitCode(int code) {
    this.code = code;
  }
}

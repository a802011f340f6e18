package org.tradecurb;

/**
 * A failure a user can act on. The message is one line naming what went wrong and where (file, line,
 * key); the CLI prints it and exits with the failure's code.
 */
public class TradecurbException extends RuntimeException {

  private final ExitCode exitCode;
  private boolean recorded;

  public TradecurbException(ExitCode exitCode, String message) {
    super(message);
    this.exitCode = exitCode;
  }

  public TradecurbException(ExitCode exitCode, String message, Throwable cause) {
    super(message, cause);
    this.exitCode = exitCode;
  }

  public ExitCode exitCode() {
    return exitCode;
  }

  /** Marks the failure as already written to pipeline_runs by the stage that raised it. */
  public TradecurbException recorded() {
    this.recorded = true;
    return this;
  }

  public boolean isRecorded() {
    return recorded;
  }

  public static TradecurbException badConfig(String message) {
    return new TradecurbException(ExitCode.BAD_CONFIGURATION, message);
  }

  public static TradecurbException unreadableInput(String message) {
    return new TradecurbException(ExitCode.UNREADABLE_INPUT, message);
  }
}

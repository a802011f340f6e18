package org.tradecurb;

/**
 * A failure a user can act on. The message is one line naming what went wrong and where (file, line,
 * key); the CLI prints it and exits with the failure's code.
 */
public class TradecurbException extends RuntimeException {

  private final ExitCode exitCode;

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

  public static TradecurbException badConfig(String message) {
    return new TradecurbException(ExitCode.BAD_CONFIGURATION, message);
  }

  public static TradecurbException unreadableInput(String message) {
    return new TradecurbException(ExitCode.UNREADABLE_INPUT, message);
  }
}

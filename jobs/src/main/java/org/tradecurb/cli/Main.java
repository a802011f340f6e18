package org.tradecurb.cli;

import org.tradecurb.ExitCode;
import org.tradecurb.TradecurbException;
import org.tradecurb.spark.TableSpec;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The tradecurb command line. Every failure ends here: one line on stderr and the exit code of its class
 * (see {@link ExitCode}), so schedulers can tell bad configuration from bad input from a failed check.
 */
@Command(
    name = "tradecurb",
    mixinStandardHelpOptions = true,
    version = "tradecurb " + TableSpec.PIPELINE_VERSION,
    description = "Customs trade flows around China's export controls: ingest, normalize, tag, measure.",
    subcommands = {
      RunCommand.class,
      IngestCommand.class,
      NormalizeCommand.class,
      TagCommand.class,
      ImpactCommand.class,
      MaintainCommand.class,
      ReportCommand.class,
      CatalogCommand.class,
      GenerateCommand.class,
      SqlCommand.class,
      CommandLine.HelpCommand.class
    })
public final class Main implements Runnable {

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  /** Query plans are trees walked recursively: a deep one must not exhaust the default 1 MB thread stack. */
  static final long STACK_BYTES = 64L << 20;

  public static void main(String[] args) throws InterruptedException {
    int[] code = {0};
    Thread command = new Thread(null, () -> {
      try {
        code[0] = execute(args);
      } catch (Throwable e) { // an Error (out of memory, a stack overflow) must not end as exit 0
        code[0] = ExitCode.FAILURE.code;
        e.printStackTrace(System.err);
        System.err.println("tradecurb: unexpected failure: " + e);
      }
    }, "tradecurb-main", STACK_BYTES);
    command.start();
    command.join();
    if (code[0] != 0) {
      System.exit(code[0]);
    }
  }

  /** Runs one command and returns its exit code; tests call this directly. */
  public static int execute(String... args) {
    CommandLine cli = new CommandLine(new Main());
    useUsageExitCode(cli);
    cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> report(e));
    cli.setParameterExceptionHandler((e, arguments) -> {
      String command = e.getCommandLine().getCommandSpec().qualifiedName();
      System.err.println("tradecurb: " + e.getMessage() + " (see " + command + " --help)");
      return ExitCode.USAGE.code;
    });
    return cli.execute(args);
  }

  /** picocli's own code for bad arguments (2) would collide with bad configuration. */
  private static void useUsageExitCode(CommandLine cli) {
    cli.getCommandSpec().exitCodeOnInvalidInput(ExitCode.USAGE.code);
    cli.getSubcommands().values().forEach(Main::useUsageExitCode);
  }

  private static int report(Exception e) {
    if (e instanceof TradecurbException te) {
      System.err.println("tradecurb: " + te.getMessage());
      return te.exitCode().code;
    }
    e.printStackTrace(System.err);
    System.err.println("tradecurb: unexpected failure: " + e);
    return ExitCode.FAILURE.code;
  }

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "missing command: see --help");
  }
}

package org.tradecurb.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.xpath.XPathFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.tradecurb.SharedReference;
import org.tradecurb.cli.Main;
import picocli.CommandLine;
import picocli.CommandLine.ParseResult;

/**
 * The deploy recipes in jobs/deploy/ parse, and each runs what the build really makes: the jar named after
 * the project version, the CLI's main class, and a `run` command line the CLI itself accepts.
 */
class DeployRecipesTest {

  private static final Path DEPLOY = SharedReference.repoRoot().resolve("jobs/deploy");
  private static final String MAIN_CLASS = Main.class.getName();
  private static final List<String> DELTA_SETTINGS = List.of(
      "spark.sql.extensions=io.delta.sql.DeltaSparkSessionExtension",
      "spark.sql.catalog.spark_catalog=org.apache.spark.sql.delta.catalog.DeltaCatalog");

  private final ObjectMapper json = new ObjectMapper();

  @TempDir
  Path tmp;

  @ParameterizedTest
  @ValueSource(strings = {"spark-submit-yarn.sh", "spark-submit-k8s.sh"})
  void shellScriptsSubmitTheJarWithTheRunCommand(String script) throws Exception {
    assertEquals(0, bash(Map.of(), "-n", DEPLOY.resolve(script).toString()).exitCode, script + " has a syntax error");

    SparkSubmit submit = SparkSubmit.of(dryRun(script, Map.of()), script);
    submit.assertRunsTradecurb();
    for (String setting : DELTA_SETTINGS) {
      assertTrue(submit.confs().contains(setting), script + " sets " + setting);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"spark-submit-yarn.sh", "spark-submit-k8s.sh"})
  void shellScriptsShipAConfigFileToTheDriver(String script) throws Exception {
    String config = "s3a://YOUR-BUCKET/tradecurb/monthly.conf";
    SparkSubmit submit = SparkSubmit.of(dryRun(script, Map.of("CONFIG_FILE", config)), script);
    submit.assertRunsTradecurb();
    assertEquals(config, submit.option("--files"), script + " ships the file");
    assertEquals("monthly.conf", submit.appOption("--config"), script + " names the shipped file");
  }

  @Test
  void emrStepRunsSparkSubmitThroughCommandRunner() throws IOException {
    JsonNode steps = json.readTree(DEPLOY.resolve("emr-step.json").toFile());
    assertTrue(steps.isArray() && !steps.isEmpty(), "emr-step.json is a list of steps");
    for (JsonNode step : steps) {
      assertEquals("command-runner.jar", step.path("Jar").asText());
      assertEquals("CUSTOM_JAR", step.path("Type").asText());
      assertTrue(List.of("CONTINUE", "CANCEL_AND_WAIT", "TERMINATE_CLUSTER")
          .contains(step.path("ActionOnFailure").asText()), "ActionOnFailure");
      SparkSubmit submit = SparkSubmit.of(strings(step.path("Args")), "emr-step.json");
      submit.assertRunsTradecurb();
      assertTrue(submit.confs().containsAll(DELTA_SETTINGS), "emr-step.json sets Delta's two settings");
    }
  }

  @Test
  void databricksJobRunsTheJarTaskMonthlyOnAJobCluster() throws IOException {
    JsonNode job = json.readTree(DEPLOY.resolve("databricks-job.json").toFile());
    assertTrue(job.path("name").isTextual(), "job name");
    assertMonthlyCron(job.path("schedule").path("quartz_cron_expression").asText(), 3, "databricks-job.json");

    List<String> clusters = new ArrayList<>();
    job.path("job_clusters").forEach(c -> {
      assertTrue(c.path("new_cluster").path("spark_version").isTextual(), "job cluster spark_version");
      clusters.add(c.path("job_cluster_key").asText());
    });
    JsonNode tasks = job.path("tasks");
    assertTrue(tasks.isArray() && !tasks.isEmpty(), "tasks");
    for (JsonNode task : tasks) {
      assertTrue(clusters.contains(task.path("job_cluster_key").asText()), "task runs on a declared job cluster");
      JsonNode jarTask = task.path("spark_jar_task");
      assertEquals(MAIN_CLASS, jarTask.path("main_class_name").asText());
      assertRunCommand(strings(jarTask.path("parameters")), "databricks-job.json");
      List<String> jars = new ArrayList<>();
      task.path("libraries").forEach(l -> jars.add(l.path("jar").asText()));
      assertTrue(jars.stream().anyMatch(j -> fileName(j).equals(expectedJar())),
          "databricks-job.json installs " + expectedJar() + ", not " + jars);
    }
  }

  @Test
  void airflowDagCompiles() throws Exception {
    assumeTrue(hasPython3(), "no python3 here");
    // The bytecode goes to the temp dir, not into jobs/deploy/__pycache__.
    ProcessBuilder compile = new ProcessBuilder("python3", "-m", "py_compile",
        DEPLOY.resolve("airflow_tradecurb_monthly.py").toString()).redirectErrorStream(true);
    compile.environment().put("PYTHONPYCACHEPREFIX", tmp.toString());
    Result result = run(compile);
    assertEquals(0, result.exitCode, "py_compile: " + result.output);
  }

  @Test
  void airflowDagSubmitsTheRunCommandMonthly() throws IOException {
    String dag = Files.readString(DEPLOY.resolve("airflow_tradecurb_monthly.py"));
    assertTrue(dag.contains("from airflow.providers.apache.spark.operators.spark_submit import SparkSubmitOperator"),
        "uses SparkSubmitOperator");
    assertTrue(dag.contains("java_class=\"" + MAIN_CLASS + "\""), "java_class names " + MAIN_CLASS);
    assertTrue(dag.matches("(?s).*\\bcatchup=False\\b.*"), "catchup=False");
    assertTrue(dag.matches("(?s).*\"retries\": [1-9].*"), "retries");
    assertMonthlyCron(group(dag, "\\bschedule=\"([^\"]+)\""), 2, "airflow DAG");
    assertEquals(expectedJar(), fileName(constant(dag, group(dag, "\\bapplication=(\\w+)"))), "application jar");
    for (String setting : DELTA_SETTINGS) {
      String[] kv = setting.split("=", 2);
      assertTrue(dag.contains("\"" + kv[0] + "\": \"" + kv[1] + "\""), "conf sets " + setting);
    }
    List<String> args = new ArrayList<>();
    for (String item : group(dag, "(?s)\\bapplication_args=\\[(.*?)\\]").split(",")) {
      String value = item.strip();
      args.add(value.startsWith("\"") ? value.substring(1, value.length() - 1) : constant(dag, value));
    }
    assertRunCommand(args, "airflow DAG");
  }

  private static boolean hasPython3() throws InterruptedException {
    try {
      return run(new ProcessBuilder("python3", "--version")).exitCode == 0;
    } catch (IOException e) {
      return false;
    }
  }

  /** A spark-submit command line: its options, the application jar and the application's arguments. */
  private record SparkSubmit(List<String> options, String appJar, List<String> appArgs, String where) {

    /** spark-submit options that take no value; every other option takes one. */
    private static final List<String> FLAGS = List.of("--verbose", "--supervise");

    static SparkSubmit of(List<String> argv, String where) {
      assertTrue(!argv.isEmpty() && argv.get(0).endsWith("spark-submit"), where + " runs spark-submit: " + argv);
      int i = 1;
      while (i < argv.size() && argv.get(i).startsWith("--")) {
        i += FLAGS.contains(argv.get(i)) ? 1 : 2;
      }
      assertTrue(i < argv.size(), where + " names no application jar: " + argv);
      return new SparkSubmit(argv.subList(1, i), argv.get(i), argv.subList(i + 1, argv.size()), where);
    }

    String option(String name) {
      int at = options.indexOf(name);
      return at < 0 ? null : options.get(at + 1);
    }

    List<String> confs() {
      List<String> confs = new ArrayList<>();
      for (int i = 0; i < options.size() - 1; i++) {
        if (options.get(i).equals("--conf")) {
          confs.add(options.get(i + 1));
        }
      }
      return confs;
    }

    String appOption(String name) {
      int at = appArgs.indexOf(name);
      return at < 0 ? null : appArgs.get(at + 1);
    }

    void assertRunsTradecurb() {
      assertEquals(MAIN_CLASS, option("--class"), where + " --class");
      assertEquals(expectedJar(), fileName(appJar), where + " submits the jar the build makes");
      assertRunCommand(appArgs, where);
    }
  }

  /** The arguments parse with the real CLI as `run` with an input and a warehouse, and nothing unknown. */
  private static void assertRunCommand(List<String> args, String where) {
    ParseResult parsed;
    try {
      parsed = new CommandLine(new Main()).parseArgs(args.toArray(String[]::new));
    } catch (CommandLine.ParameterException e) {
      throw new AssertionError(where + ": the CLI refuses " + args + ": " + e.getMessage(), e);
    }
    assertTrue(parsed.hasSubcommand(), where + " names a command: " + args);
    ParseResult command = parsed.subcommand();
    assertEquals("run", command.commandSpec().name(), where + " command");
    for (String option : List.of("--input", "--warehouse")) {
      assertTrue(command.hasMatchedOption(option), where + " sets " + option);
    }
  }

  /** A cron expression that fires once a month: a fixed day of the month, every month, any weekday. */
  private static void assertMonthlyCron(String cron, int dayOfMonthField, String where) {
    String[] fields = cron.trim().split("\\s+");
    assertTrue(fields.length > dayOfMonthField + 2, where + " schedule '" + cron + "' is a cron expression");
    assertTrue(fields[dayOfMonthField].matches("[1-9]|1\\d|2[0-8]"), where + " runs on a day every month has");
    assertEquals("*", fields[dayOfMonthField + 1], where + " runs every month");
    assertTrue(fields[dayOfMonthField + 2].matches("[*?]"), where + " runs whatever the weekday");
  }

  /** The jar the build makes: tradecurb-jobs-<the version jobs/pom.xml inherits from its parent>.jar. */
  private static String expectedJar() {
    try {
      var pom = DocumentBuilderFactory.newInstance().newDocumentBuilder()
          .parse(SharedReference.repoRoot().resolve("jobs/pom.xml").toFile());
      String version = XPathFactory.newInstance().newXPath().evaluate("/project/parent/version", pom).trim();
      assertTrue(!version.isEmpty(), "jobs/pom.xml has a parent version");
      return "tradecurb-jobs-" + version + ".jar";
    } catch (Exception e) {
      throw new AssertionError("cannot read the version from jobs/pom.xml", e);
    }
  }

  private static String fileName(String location) {
    return location.substring(location.lastIndexOf('/') + 1);
  }

  private static List<String> strings(JsonNode array) {
    assertTrue(array.isArray(), "expected a JSON array, got " + array);
    List<String> values = new ArrayList<>();
    array.forEach(v -> values.add(v.asText()));
    return values;
  }

  private static String group(String text, String regex) {
    Matcher m = Pattern.compile(regex).matcher(text);
    if (!m.find()) {
      fail("no match for " + regex);
    }
    return m.group(1);
  }

  /** The value of a module-level string constant of the DAG (NAME = "value"). */
  private static String constant(String dag, String name) {
    return group(dag, "(?m)^" + Pattern.quote(name) + " = \"([^\"]*)\"$");
  }

  /** The command a script would run, from its DRY_RUN output (one argument a line), in a clean environment. */
  private List<String> dryRun(String script, Map<String, String> settings) throws Exception {
    Map<String, String> env = new HashMap<>(settings);
    env.put("DRY_RUN", "1");
    Result result = bash(env, DEPLOY.resolve(script).toString());
    assertEquals(0, result.exitCode, script + " dry run: " + result.output);
    return result.output.lines().toList();
  }

  private Result bash(Map<String, String> env, String... args) throws Exception {
    List<String> command = new ArrayList<>(List.of("bash"));
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command);
    // Only PATH survives: a SPARK_HOME or APP_JAR of this machine must not change what the script prints.
    String path = System.getenv("PATH");
    builder.environment().clear();
    builder.environment().put("PATH", path == null ? "/usr/bin:/bin" : path);
    builder.environment().putAll(env);
    return run(builder);
  }

  private record Result(int exitCode, String output) {}

  private static Result run(ProcessBuilder builder) throws IOException, InterruptedException {
    Process process = builder.redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!process.waitFor(60, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      fail("timed out: " + builder.command());
    }
    return new Result(process.exitValue(), output);
  }
}

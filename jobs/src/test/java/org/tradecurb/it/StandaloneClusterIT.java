package org.tradecurb.it;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.tradecurb.BuildUnderTest;
import org.tradecurb.SparkTestBase;
import org.tradecurb.Warehouses;
import org.tradecurb.cli.Main;
import org.tradecurb.ingest.Source;
import org.tradecurb.pipeline.Pipeline;

/**
 * The shipped jar on a real Spark standalone cluster. A master and a worker run in their own JVMs from the
 * Maven classpath (a SPARK_HOME with an empty jars/ folder stands in for a distribution); the shaded jar is
 * submitted alone through SparkSubmit in cluster mode, so the driver and the executors are
 * JVMs that share nothing with the build. A standalone cluster-mode submit exits 0 even when the driver
 * fails, so the verdict comes from the driver state the master reports and from the tables the run wrote.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
// Its time is mostly the cluster's JVMs: it runs beside the other integration tests (see the failsafe setup).
@Execution(ExecutionMode.CONCURRENT)
class StandaloneClusterIT extends SparkTestBase {

  private static final String HOST = "127.0.0.1";
  private static final Duration RUN_TIMEOUT = Duration.ofMinutes(10);
  private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(60);
  /**
   * Short-lived JVMs: C1 alone saves about a quarter of a run's time here; C2 never pays back. C1's default
   * 48 MB code cache fills up and stops the JIT, hence the larger one.
   */
  private static final String QUICK_JIT = "-XX:TieredStopAtLevel=1 -XX:ReservedCodeCacheSize=240m";
  private static final Pattern DRIVER_ID = Pattern.compile("Driver successfully submitted as (driver-[0-9-]+)");

  private final ObjectMapper json = new ObjectMapper();
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final List<Process> processes = new ArrayList<>();
  private final Map<String, Process> daemons = new LinkedHashMap<>();
  private final Thread stopOnExit = new Thread(this::stopProcesses, "standalone-cluster-it-stop");
  private Path jar;
  private String classpath;
  private List<String> jvmFlags;
  private Path work;
  private String masterUrl;
  private int masterWebUiPort;

  @BeforeAll
  void startCluster() throws Exception {
    Path target = BuildUnderTest.directory();
    jar = BuildUnderTest.applicationJar(target);
    assumeTrue(jar != null, "no shaded tradecurb-jobs jar in " + target + ": run mvn package first");
    classpath = Files.readString(target.resolve("launcher/spark-classpath.txt")).trim();
    jvmFlags = List.of(Files.readString(target.resolve("launcher/jvm-flags.txt")).trim().split("\\s+"));
    // A fixed folder, emptied per run: the last run's logs stay for a post-mortem, disk use stays bounded.
    work = target.resolve("it-work/standalone-cluster");
    deleteTree(work);
    Files.createDirectories(work.resolve("spark-home/jars"));
    Files.createDirectories(work.resolve("logs"));
    // Also stop the cluster when the test JVM is told to exit before @AfterAll (Ctrl-C, fork timeout).
    Runtime.getRuntime().addShutdownHook(stopOnExit);

    int masterPort = freePort();
    masterWebUiPort = freePort();
    masterUrl = "spark://" + HOST + ":" + masterPort;
    daemons.put("master", start("master", daemon("org.apache.spark.deploy.master.Master",
        "--host", HOST, "--port", String.valueOf(masterPort), "--webui-port", String.valueOf(masterWebUiPort))));
    daemons.put("worker", start("worker", daemon("org.apache.spark.deploy.worker.Worker",
        "--host", HOST, "--webui-port", String.valueOf(freePort()), "--cores", "4", "--memory", "3g",
        "--work-dir", work.resolve("worker").toString(), masterUrl)));
    awaitAliveWorker();
  }

  @AfterAll
  void stopCluster() {
    stopProcesses();
    Runtime.getRuntime().removeShutdownHook(stopOnExit);
  }

  /**
   * A cluster-mode submit: the worker launches the driver, which runs the whole pipeline on the worker's
   * executors over the planted-effects files; the tables must hold what was planted. (Client mode runs the
   * same jar with the driver in the submitting JVM, as {@code bin/tradecurb} does.)
   */
  @Test
  void aClusterModeDriverRunsThePipelineOnTheWorkersExecutorsAndRecoversThePlantedEffects() throws Exception {
    Path input = work.resolve("planted-input");
    PlantedEffects.generate(input);
    Path warehouse = work.resolve("warehouse-cluster");
    Set<String> appsBefore = appIds();
    Process cluster = start("submit-cluster", submit("cluster", input, warehouse, List.of("-Xmx256m"),
        "--driver-memory", "1g",
        // The worker launches the driver JVM itself, without Spark's Java 17 flags.
        "--conf", "spark.driver.extraJavaOptions=" + String.join(" ", jvmFlags) + " " + QUICK_JIT,
        "--conf", "spark.standalone.submit.waitAppCompletion=true"));

    Assertions.assertEquals(0, await(cluster, "submit-cluster"), "submission failed" + tail("submit-cluster"));
    Matcher id = DRIVER_ID.matcher(Files.readString(log("submit-cluster")));
    if (!id.find()) {
      Assertions.fail("no driver id in the submit output" + tail("submit-cluster"));
    }
    String driverId = id.group(1);
    // Standalone cluster-mode submit exits 0 even when the driver fails: the master's record is the truth.
    Assertions.assertEquals("FINISHED", finalDriverState(driverId),
        "driver state" + tail(work.resolve("worker").resolve(driverId).resolve("stderr")));
    for (String app : newCompletedApps(appsBefore, 1)) {
      assertExecutorsRan(app);
    }
    assertPipelineOutput(input, warehouse);
    PlantedEffects.assertRecovered(spark(), warehouse);
  }

  /** What a run must leave: every source in trade_flows, every stage succeeded, the planted bad rows. */
  private void assertPipelineOutput(Path input, Path warehouse) throws IOException {
    Set<String> sources = Set.copyOf(values(table(warehouse, "trade_flows").select("source").distinct()));
    Assertions.assertEquals(Arrays.stream(Source.values()).map(s -> s.id).collect(Collectors.toSet()), sources,
        "sources in trade_flows");

    List<String> runs = values(table(warehouse, "pipeline_runs")
        .select(functions.concat_ws(" ", functions.col("stage"), functions.col("status"))));
    Assertions.assertEquals(Set.copyOf(Pipeline.STAGES), runs.stream().filter(r -> r.endsWith(" succeeded"))
        .map(r -> r.split(" ")[0]).collect(Collectors.toSet()), "stages with a succeeded pipeline_runs row");
    Assertions.assertEquals(List.of(), runs.stream().filter(r -> r.endsWith(" failed")).toList(), "failed pipeline_runs rows");

    List<String> quarantined = values(table(warehouse, "quarantine").select(functions.concat_ws(":",
        functions.col("source_file"), functions.col("source_line").cast("string"), functions.col("reason_code"))));
    Assertions.assertEquals(plantedBadRows(input), quarantined, "quarantine holds exactly the planted bad rows");
  }

  /** The bad rows the generated README.md lists, as "file:line:REASON", sorted. */
  private List<String> plantedBadRows(Path input) throws IOException {
    String readme = Files.readString(input.resolve("README.md"));
    int start = readme.indexOf("## Planted malformed rows");
    Assertions.assertTrue(start >= 0, "the generated README.md has no 'Planted malformed rows' section");
    String section = readme.substring(start);
    int next = section.indexOf("\n## ");
    Matcher row = Pattern.compile("(?m)^\\| (\\S+) \\| (\\d+) \\| ([A-Z_]+) \\|$")
        .matcher(next < 0 ? section : section.substring(0, next));
    List<String> planted = new ArrayList<>();
    while (row.find()) {
      planted.add(row.group(1) + ":" + row.group(2) + ":" + row.group(3));
    }
    Assertions.assertFalse(planted.isEmpty(), "the generated README.md lists no planted bad rows");
    Collections.sort(planted);
    return planted;
  }

  private Dataset<Row> table(Path warehouse, String name) {
    return Warehouses.table(spark(), warehouse, name);
  }

  /** The values of a one-column frame, sorted. */
  private static List<String> values(Dataset<Row> oneColumn) {
    return oneColumn.collectAsList().stream().map(r -> r.getString(0)).sorted().toList();
  }

  /** The worker started at least one executor JVM for the app: its folder under the work dir. */
  private void assertExecutorsRan(String appId) throws IOException {
    try (Stream<Path> executors = Files.list(work.resolve("worker").resolve(appId))) {
      Assertions.assertFalse(executors.filter(Files::isDirectory).toList().isEmpty(), "no executor was launched for " + appId);
    }
  }

  private List<String> submit(String deployMode, Path input, Path warehouse, List<String> jvmOptions,
      String... extra) {
    List<String> cmd = java(jvmOptions, "org.apache.spark.deploy.SparkSubmit");
    cmd.addAll(List.of("--master", masterUrl, "--deploy-mode", deployMode,
        // The worker's other slots: one for the cluster-mode driver, two for the executor.
        "--conf", "spark.executor.cores=2",
        "--conf", "spark.cores.max=2",
        "--conf", "spark.executor.memory=512m",
        "--conf", "spark.executor.extraJavaOptions=" + QUICK_JIT,
        "--conf", "spark.sql.shuffle.partitions=4",
        // One worker on one host: waiting for a process-local slot only delays tasks.
        "--conf", "spark.locality.wait=0s",
        "--conf", "spark.ui.enabled=false"));
    cmd.addAll(List.of(extra));
    cmd.addAll(List.of("--class", Main.class.getName(), jar.toString(),
        "run", "--input", input.toString(), "--warehouse", warehouse.toString()));
    return cmd;
  }

  private List<String> daemon(String mainClass, String... args) {
    List<String> cmd = java(List.of("-Xmx512m"), mainClass);
    cmd.addAll(List.of(args));
    return cmd;
  }

  private List<String> java(List<String> jvmOptions, String mainClass) {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.addAll(jvmFlags);
    cmd.addAll(jvmOptions);
    cmd.addAll(List.of("-cp", classpath, mainClass));
    return cmd;
  }

  private Process start(String name, List<String> command) throws IOException {
    ProcessBuilder builder = new ProcessBuilder(command)
        .directory(work.toFile())
        .redirectErrorStream(true)
        .redirectOutput(log(name).toFile());
    Map<String, String> env = builder.environment();
    // Nothing of the caller's Spark, Hadoop or tradecurb setup may leak in (TRADECURB_* overrides the config).
    env.keySet().removeIf(k -> k.startsWith("SPARK_") || k.startsWith("HADOOP_") || k.startsWith("YARN_")
        || k.startsWith("TRADECURB_"));
    env.put("SPARK_HOME", work.resolve("spark-home").toString());
    env.put("SPARK_SCALA_VERSION", BuildUnderTest.scalaBinaryVersion());
    env.put("SPARK_DIST_CLASSPATH", classpath);
    env.put("SPARK_LOCAL_IP", HOST);
    env.put("SPARK_LOCAL_DIRS", work.resolve("local").toString());
    env.put("JAVA_HOME", System.getProperty("java.home"));
    synchronized (processes) {
      Process process = builder.start();
      processes.add(process);
      return process;
    }
  }

  private int await(Process process, String name) throws InterruptedException, IOException {
    if (!process.waitFor(RUN_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
      stopTree(process);  // now, so that the next test gets the worker's cores
      Assertions.fail(name + " did not finish within " + RUN_TIMEOUT + tail(name));
    }
    return process.exitValue();
  }

  /** Stops every process this test started and everything they started (executors, cluster-mode driver). */
  private void stopProcesses() {
    synchronized (processes) {
      List<Process> newestFirst = new ArrayList<>(processes);
      Collections.reverse(newestFirst);
      newestFirst.forEach(StandaloneClusterIT::stopTree);
      processes.clear();
    }
  }

  /** Asks a process and its descendants to stop, then kills whatever is still there after 15 seconds. */
  private static void stopTree(Process process) {
    List<ProcessHandle> tree = Stream.concat(process.descendants(), Stream.of(process.toHandle())).toList();
    tree.forEach(ProcessHandle::destroy);
    for (ProcessHandle handle : tree) {
      try {
        handle.onExit().get(15, TimeUnit.SECONDS);
      } catch (TimeoutException | ExecutionException e) {
        handle.destroyForcibly();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        handle.destroyForcibly();
      }
    }
  }

  private void awaitAliveWorker() throws Exception {
    long deadline = System.nanoTime() + STARTUP_TIMEOUT.toNanos();
    while (System.nanoTime() < deadline) {
      daemons.forEach((name, process) -> {
        if (!process.isAlive()) {
          Assertions.fail(name + " exited early" + tail(name));
        }
      });
      JsonNode state = masterState();
      if (state != null && state.path("aliveworkers").asInt() >= 1) {
        return;
      }
      Thread.sleep(500);
    }
    Assertions.fail("no worker registered within " + STARTUP_TIMEOUT + tail("master") + tail("worker"));
  }

  /** The master's view of the cluster (its web UI's JSON), or null while it is not up yet. */
  private JsonNode masterState() throws InterruptedException {
    HttpRequest request = HttpRequest.newBuilder(URI.create("http://" + HOST + ":" + masterWebUiPort + "/json/"))
        .timeout(Duration.ofSeconds(5)).build();
    try {
      return json.readTree(http.send(request, HttpResponse.BodyHandlers.ofString()).body());
    } catch (IOException e) {
      return null;
    }
  }

  private Set<String> appIds() throws InterruptedException {
    JsonNode state = masterState();
    if (state == null) {
      Assertions.fail("the master stopped answering" + tail("master"));
    }
    Set<String> ids = new HashSet<>();
    for (String list : List.of("activeapps", "completedapps")) {
      state.path(list).forEach(app -> ids.add(app.path("id").asText()));
    }
    return ids;
  }

  /** The apps the submits added; each moves to the completed list once its driver has stopped. */
  private Set<String> newCompletedApps(Set<String> before, int expected) throws InterruptedException {
    Set<String> found = new HashSet<>();
    poll(expected + " new completed applications", state -> {
      for (JsonNode app : state.path("completedapps")) {
        if (!before.contains(app.path("id").asText())) {
          found.add(app.path("id").asText());
        }
      }
      return found.size() >= expected ? "yes" : null;
    });
    return found;
  }

  private String finalDriverState(String driverId) throws InterruptedException {
    return poll("the final state of " + driverId, state -> {
      for (JsonNode driver : state.path("completeddrivers")) {
        if (driver.path("id").asText().equals(driverId)) {
          return driver.path("state").asText();
        }
      }
      return null;
    });
  }

  private String poll(String what, Function<JsonNode, String> find) throws InterruptedException {
    long deadline = System.nanoTime() + STARTUP_TIMEOUT.toNanos();
    while (System.nanoTime() < deadline) {
      JsonNode state = masterState();
      String found = state == null ? null : find.apply(state);
      if (found != null) {
        return found;
      }
      Thread.sleep(500);
    }
    return Assertions.fail("the master did not report " + what + " within " + STARTUP_TIMEOUT + tail("master"));
  }

  private Path log(String name) {
    return work.resolve("logs").resolve(name + ".log");
  }

  private String tail(String processName) {
    return tail(log(processName));
  }

  private static String tail(Path file) {
    try {
      List<String> lines = Files.readAllLines(file);
      return "\n--- last lines of " + file + " ---\n"
          + String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
    } catch (IOException | UncheckedIOException e) {
      return "\n(no log at " + file + ")";
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 0, InetAddress.getByName(HOST))) {
      return socket.getLocalPort();
    }
  }

  private static void deleteTree(Path root) throws IOException {
    if (!Files.exists(root)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(root)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }
}

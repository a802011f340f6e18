package org.tradecurb.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigParseOptions;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueFactory;
import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;
import org.tradecurb.TradecurbException;

/**
 * The typed view of tradecurb's configuration. Layers, strongest first: command-line flags, environment
 * variables (TRADECURB_ + key path), the user's file, the defaults shipped in the jar. A key the defaults do
 * not know, or a value of the wrong type, is refused with the place it came from.
 */
public final class TradecurbConfig {

  public static final String DEFAULTS_RESOURCE = "org/tradecurb/tradecurb-defaults.conf";
  public static final String ENV_PREFIX = "TRADECURB_";

  /** Sections whose keys are the user's to choose (country codes, event ids, Spark settings). */
  private static final List<String> OPEN_SECTIONS = List.of("impact.source-precedence");

  private final Config config;

  private TradecurbConfig(Config config) {
    this.config = config;
  }

  public static TradecurbConfig defaults() {
    return load(null, Map.of(), Map.of());
  }

  /**
   * Loads and validates the configuration.
   *
   * @param userFile the --config file, or null
   * @param environment the process environment; only TRADECURB_ variables are read
   * @param flags values given as command-line flags, by key path
   */
  public static TradecurbConfig load(Path userFile, Map<String, String> environment, Map<String, Object> flags) {
    Config defaults = ConfigFactory.parseResources(TradecurbConfig.class.getClassLoader(), DEFAULTS_RESOURCE);
    if (defaults.isEmpty()) {
      throw new IllegalStateException("default configuration missing from the jar: " + DEFAULTS_RESOURCE);
    }
    Config user = ConfigFactory.empty();
    if (userFile != null) {
      File file = userFile.toFile();
      if (!file.isFile()) {
        throw TradecurbException.badConfig("config file not found: " + userFile);
      }
      try {
        user = ConfigFactory.parseFile(file, ConfigParseOptions.defaults().setAllowMissing(false));
      } catch (ConfigException e) {
        throw TradecurbException.badConfig("cannot parse config file " + userFile + ": " + e.getMessage());
      }
    }
    Config env = fromEnvironment(environment);
    Config cli = ConfigFactory.parseMap(flags, "command-line flag");
    for (Config layer : List.of(user, env, cli)) {
      rejectUnknownKeys(layer, defaults);
    }
    Config merged;
    try {
      merged = cli.withFallback(env).withFallback(user).withFallback(defaults).resolve();
      merged.checkValid(defaults);
    } catch (ConfigException e) {
      throw TradecurbException.badConfig("invalid configuration: " + e.getMessage());
    }
    checkTypes(merged, defaults);
    return new TradecurbConfig(merged);
  }

  private static Config fromEnvironment(Map<String, String> environment) {
    Map<String, Object> values = new TreeMap<>();
    for (Map.Entry<String, String> e : environment.entrySet()) {
      String name = e.getKey();
      if (!name.startsWith(ENV_PREFIX)) {
        continue;
      }
      String path = envNameToPath(name);
      values.put(path, envValue(name, e.getValue()));
    }
    return ConfigFactory.parseMap(values, "environment variable");
  }

  /** TRADECURB_IMPACT__PRE_MONTHS → impact.pre-months. */
  static String envNameToPath(String name) {
    String body = name.substring(ENV_PREFIX.length());
    List<String> parts = new ArrayList<>();
    for (String part : body.split("__")) {
      parts.add(part.toLowerCase(Locale.ROOT).replace('_', '-'));
    }
    return String.join(".", parts);
  }

  /** Lists and objects are HOCON; anything else stays a string, so URIs with `//` survive. */
  private static Object envValue(String name, String raw) {
    String trimmed = raw.trim();
    if (trimmed.startsWith("[") || trimmed.startsWith("{")) {
      try {
        return ConfigFactory.parseString("v = " + trimmed).getValue("v").unwrapped();
      } catch (ConfigException e) {
        throw TradecurbException.badConfig("environment variable " + name + " is not valid HOCON: " + e.getMessage());
      }
    }
    return raw;
  }

  private static void rejectUnknownKeys(Config layer, Config defaults) {
    for (Map.Entry<String, ConfigValue> entry : layer.entrySet()) {
      String path = entry.getKey();
      if (defaults.hasPathOrNull(path) || OPEN_SECTIONS.stream().anyMatch(s -> path.startsWith(s + "."))) {
        continue;
      }
      throw TradecurbException.badConfig("unknown configuration key '" + path + "' ("
          + entry.getValue().origin().description() + "); see " + DEFAULTS_RESOURCE + " for every key");
    }
  }

  /**
   * Reads every key the defaults give a value to with the defaults' type, so "pre-months = lots" fails at
   * load time with its origin rather than deep inside a stage (Typesafe's checkValid lets strings pass).
   */
  private static void checkTypes(Config merged, Config defaults) {
    for (Map.Entry<String, ConfigValue> e : defaults.entrySet()) {
      String path = e.getKey();
      if (merged.getIsNull(path)) {
        continue;
      }
      try {
        switch (e.getValue().valueType()) {
          case NUMBER -> {
            if (e.getValue().unwrapped() instanceof Integer) {
              merged.getInt(path);
            } else {
              merged.getDouble(path);
            }
          }
          case BOOLEAN -> merged.getBoolean(path);
          case STRING -> merged.getString(path);
          case LIST -> merged.getList(path);
          case OBJECT -> merged.getObject(path);
          default -> { }
        }
      } catch (ConfigException ex) {
        throw TradecurbException.badConfig("configuration key '" + path + "': " + ex.getMessage());
      }
    }
  }

  /** The raw, merged configuration, for sections that parse themselves (events, impact). */
  public Config raw() {
    return config;
  }

  public String input() {
    return string("input");
  }

  public String warehouse() {
    return string("warehouse");
  }

  public String catalogMode() {
    String mode = string("catalog.mode");
    if (!mode.equals("path") && !mode.equals("metastore")) {
      throw invalid("catalog.mode", "must be path or metastore, not '" + mode + "'");
    }
    return mode;
  }

  public String database() {
    return string("catalog.database");
  }

  /** A reference-data override: the user's CSV path, or empty for the file shipped in the jar. */
  public Optional<String> referenceFile(String key) {
    return optionalString("reference." + key);
  }

  public String chinaCustomsFolder(String flowFolderKey) {
    return string("ingest.china-customs-folders." + flowFolderKey);
  }

  public List<String> ignoredFileGlobs() {
    return typed("ingest.ignore", config::getStringList);
  }

  public String string(String path) {
    return typed(path, config::getString);
  }

  public int integer(String path) {
    return typed(path, config::getInt);
  }

  public double number(String path) {
    return typed(path, config::getDouble);
  }

  public List<String> strings(String path) {
    return typed(path, config::getStringList);
  }

  public Optional<String> optionalString(String path) {
    if (!config.hasPath(path)) {
      return Optional.empty();
    }
    return Optional.of(string(path));
  }

  public <T> T typed(String path, Function<String, T> getter) {
    try {
      return getter.apply(path);
    } catch (ConfigException e) {
      throw TradecurbException.badConfig("configuration key '" + path + "': " + e.getMessage());
    }
  }

  public TradecurbException invalid(String path, String problem) {
    String origin = config.hasPath(path) ? " (" + config.getValue(path).origin().description() + ")" : "";
    return TradecurbException.badConfig("configuration key '" + path + "' " + problem + origin);
  }

  /** A copy with one key replaced, for tests and for flags that stages derive. */
  public TradecurbConfig with(String path, Object value) {
    return new TradecurbConfig(config.withValue(path, ConfigValueFactory.fromAnyRef(value)));
  }
}

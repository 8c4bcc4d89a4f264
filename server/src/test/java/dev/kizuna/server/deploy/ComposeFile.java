package dev.kizuna.server.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.yaml.snakeyaml.Yaml;

/**
 * {@code docker/compose.yaml} as Docker Compose reads it: YAML (anchors and merge keys resolved
 * by SnakeYAML), then every {@code ${VAR}}, {@code ${VAR:-default}} and {@code ${VAR:?message}}
 * replaced from an env file, {@code $$} standing for {@code $} (the Compose file spec's
 * interpolation rules).
 */
final class ComposeFile {

  /** {@code docker/} of the checkout; tests run in {@code server/}. */
  static final Path DOCKER = Path.of("..", "docker");

  private static final Pattern VARIABLE = Pattern.compile("\\$\\$|\\$\\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?[-?])([^}]*))?}");

  private final Map<String, Object> yaml;
  private final String text;
  private final Map<String, String> env;

  private ComposeFile(String text, Map<String, String> env) {
    this.text = text;
    this.env = env;
    this.yaml = new Yaml().load(text);
  }

  /** Reads {@code docker/compose.yaml} with the values of {@code docker/.env.example}. */
  static ComposeFile withExampleEnv() {
    return new ComposeFile(read("compose.yaml"), envFile(read(".env.example")));
  }

  /** A file of {@code docker/} as text. */
  static String read(String name) {
    try {
      return Files.readString(DOCKER.resolve(name));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** {@code KEY=value} lines of an env file; comments and blank lines skipped. */
  static Map<String, String> envFile(String text) {
    Map<String, String> values = new LinkedHashMap<>();
    text.lines().map(String::strip).filter(l -> !l.isEmpty() && !l.startsWith("#")).forEach(line -> {
      int eq = line.indexOf('=');
      values.put(line.substring(0, eq), line.substring(eq + 1));
    });
    return values;
  }

  /** The names of the services. */
  Set<String> services() {
    return new TreeSet<>(section("services").keySet());
  }

  /** One service's definition, raw (before interpolation). */
  @SuppressWarnings("unchecked")
  Map<String, Object> service(String name) {
    Object service = section("services").get(name);
    if (service == null) {
      throw new AssertionError("compose.yaml has no service " + name);
    }
    return (Map<String, Object>) service;
  }

  /** A service's environment, interpolated. */
  @SuppressWarnings("unchecked")
  Map<String, String> environment(String service) {
    Map<String, Object> raw = (Map<String, Object>) service(service).getOrDefault("environment", Map.of());
    Map<String, String> values = new LinkedHashMap<>();
    raw.forEach((key, value) -> values.put(key, interpolate(String.valueOf(value))));
    return values;
  }

  /** A service's command as a list of interpolated words. */
  @SuppressWarnings("unchecked")
  List<String> command(String service) {
    return ((List<Object>) service(service).get("command")).stream().map(w -> interpolate(String.valueOf(w))).toList();
  }

  /** The variables the file refers to without a default ({@code ${VAR}} or {@code ${VAR:?...}}). */
  Set<String> requiredVariables() {
    Matcher m = VARIABLE.matcher(text);
    Set<String> names = new TreeSet<>();
    while (m.find()) {
      if (m.group(1) != null && (m.group(2) == null || m.group(2).endsWith("?"))) {
        names.add(m.group(1));
      }
    }
    return names;
  }

  /** {@code value} with its variables replaced from the env file; a missing required one fails. */
  String interpolate(String value) {
    Matcher m = VARIABLE.matcher(value);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      String replacement;
      if (m.group(1) == null) {
        replacement = "$";
      } else {
        String set = env.get(m.group(1));
        boolean unset = set == null || (m.group(2) != null && m.group(2).startsWith(":") && set.isEmpty());
        if (!unset) {
          replacement = set;
        } else if (m.group(2) != null && m.group(2).endsWith("-")) {
          replacement = m.group(3);
        } else if (m.group(2) != null) {
          throw new AssertionError("required variable " + m.group(1) + " unset: " + m.group(3));
        } else {
          replacement = "";
        }
      }
      m.appendReplacement(out, Matcher.quoteReplacement(replacement));
    }
    m.appendTail(out);
    return out.toString();
  }

  /** Services whose {@code profiles} include {@code profile}. */
  @SuppressWarnings("unchecked")
  Set<String> servicesInProfile(String profile) {
    return section("services").entrySet().stream()
        .filter(e -> ((List<String>) ((Map<String, Object>) e.getValue()).getOrDefault("profiles", List.of())).contains(profile))
        .map(Map.Entry::getKey).collect(Collectors.toCollection(TreeSet::new));
  }

  @SuppressWarnings("unchecked")
  private Map<String, Object> section(String name) {
    return (Map<String, Object>) yaml.get(name);
  }
}

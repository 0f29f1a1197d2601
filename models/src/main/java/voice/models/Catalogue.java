package voice.models;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The models a user can pull, in preference order. The format is public:
 * {@code {"models": [{"id", "kind", "url", "bytes", "sha256", "archive": "zip"|"none",
 * "description", optional "language", "licence", "good_for", "memory_bytes"}]}}.
 */
public final class Catalogue {
  private static final String BUNDLED = "/voice/models/catalogue.json";
  // Ids become folder names: keep them to safe characters and never hidden or relative.
  private static final Pattern SAFE_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._+-]{0,99}");
  private static final Pattern SHA256 = Pattern.compile("[0-9a-fA-F]{64}");
  private static final ObjectMapper JSON = new ObjectMapper();

  private final String source;
  private final Map<String, ModelEntry> entries;

  private Catalogue(String source, Map<String, ModelEntry> entries) {
    this.source = source;
    this.entries = entries;
  }

  /** The catalogue shipped in the jar. */
  public static Catalogue bundled() {
    try (InputStream in = Catalogue.class.getResourceAsStream(BUNDLED)) {
      if (in == null) {
        throw new ModelException("the bundled model catalogue is missing from the jar");
      }
      return parse("the bundled catalogue", in.readAllBytes());
    } catch (IOException e) {
      throw new ModelException("cannot read the bundled model catalogue: " + e.getMessage(), e);
    }
  }

  /** Loads a catalogue from a file or an http(s) URL (an organisation's mirror, a test's). */
  public static Catalogue load(String fileOrUrl) {
    String lower = fileOrUrl.toLowerCase(Locale.ROOT);
    if (lower.startsWith("http://") || lower.startsWith("https://")) {
      return parse(fileOrUrl, fetch(fileOrUrl));
    }
    try {
      return parse(fileOrUrl, Files.readAllBytes(Path.of(fileOrUrl)));
    } catch (NoSuchFileException e) {
      throw new ModelException("model catalogue " + fileOrUrl + " does not exist");
    } catch (IOException | RuntimeException e) {
      if (e instanceof ModelException me) {
        throw me;
      }
      throw new ModelException("cannot read model catalogue " + fileOrUrl + ": " + e.getMessage(), e);
    }
  }

  /** Parses catalogue JSON; {@code source} names it in error messages. */
  public static Catalogue parse(String source, byte[] json) {
    JsonNode root;
    try {
      root = JSON.readTree(json);
    } catch (JsonProcessingException e) {
      throw new ModelException("model catalogue " + source + " is not valid JSON: "
          + e.getOriginalMessage().lines().findFirst().orElse("") + " at line "
          + (e.getLocation() == null ? "?" : e.getLocation().getLineNr()));
    } catch (IOException e) {
      throw new ModelException("cannot read model catalogue " + source + ": " + e.getMessage());
    }
    JsonNode models = root == null ? null : root.get("models");
    if (models == null || !models.isArray()) {
      throw new ModelException("model catalogue " + source + " has no \"models\" array");
    }
    Map<String, ModelEntry> entries = new LinkedHashMap<>();
    for (JsonNode node : models) {
      ModelEntry entry = entry(source, node);
      if (entries.putIfAbsent(entry.id(), entry) != null) {
        throw new ModelException("model catalogue " + source + " lists " + entry.id() + " twice");
      }
    }
    return new Catalogue(source, entries);
  }

  private static ModelEntry entry(String source, JsonNode node) {
    String id = text(node, "id");
    String where = "model catalogue " + source + ", entry " + (id == null ? "without id" : id);
    if (id == null || !SAFE_ID.matcher(id).matches()) {
      throw new ModelException(where + ": \"id\" must be letters, digits, '.', '_', '+' or '-'");
    }
    String kind = require(node, "kind", where);
    String url = require(node, "url", where);
    String sha = require(node, "sha256", where);
    if (!SHA256.matcher(sha).matches()) {
      throw new ModelException(where + ": \"sha256\" must be 64 hex digits");
    }
    URI uri;
    try {
      uri = URI.create(url);
    } catch (IllegalArgumentException e) {
      throw new ModelException(where + ": \"url\" is not a URL: " + url);
    }
    String archive = Optional.ofNullable(text(node, "archive")).orElse("none");
    ModelEntry.Archive type = switch (archive.toLowerCase(Locale.ROOT)) {
      case "zip" -> ModelEntry.Archive.ZIP;
      case "none" -> ModelEntry.Archive.NONE;
      default -> throw new ModelException(where + ": \"archive\" must be \"zip\" or \"none\"");
    };
    List<String> goodFor = new ArrayList<>();
    node.path("good_for").forEach(n -> goodFor.add(n.asText()));
    return new ModelEntry(id, kind, uri, Math.max(0, node.path("bytes").asLong(0)),
        sha.toLowerCase(Locale.ROOT), type, text(node, "description"), text(node, "language"),
        text(node, "licence"), goodFor, Math.max(0, node.path("memory_bytes").asLong(0)));
  }

  private static String require(JsonNode node, String field, String where) {
    String value = text(node, field);
    if (value == null || value.isBlank()) {
      throw new ModelException(where + ": \"" + field + "\" is missing");
    }
    return value;
  }

  private static String text(JsonNode node, String field) {
    JsonNode value = node.get(field);
    return value == null || value.isNull() ? null : value.asText();
  }

  private static byte[] fetch(String url) {
    HttpClient client = HttpClient.newBuilder()
        .followRedirects(HttpClient.Redirect.NORMAL)
        .connectTimeout(Duration.ofSeconds(15))
        .build();
    try {
      HttpRequest request = HttpRequest.newBuilder(URI.create(url))
          .timeout(Duration.ofSeconds(30)).GET().build();
      HttpResponse<byte[]> response = client.send(request, HttpResponse.BodyHandlers.ofByteArray());
      if (response.statusCode() != 200) {
        throw new ModelException("cannot fetch model catalogue " + url + ": HTTP "
            + response.statusCode());
      }
      return response.body();
    } catch (IOException | IllegalArgumentException e) {
      throw new ModelException("cannot fetch model catalogue " + url + ": " + Failures.describe(e));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ModelException("fetching model catalogue " + url + " was interrupted");
    }
  }

  /** Where this catalogue came from (a file, a URL or "bundled catalogue"). */
  public String source() {
    return source;
  }

  /** The entries in preference order. */
  public List<ModelEntry> entries() {
    return List.copyOf(entries.values());
  }

  public Optional<ModelEntry> find(String id) {
    return Optional.ofNullable(entries.get(id));
  }

  /** The entry, or a clear error naming the command that lists the known ids. */
  public ModelEntry require(String id) {
    ModelEntry entry = entries.get(id);
    if (entry == null) {
      throw new ModelException("unknown model " + id + " (voice-agent models list shows the models"
          + " in " + source + ")");
    }
    return entry;
  }
}

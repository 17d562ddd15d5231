package dev.jobrunner.jobs.control;

import dev.jobrunner.api.ApiException;
import dev.jobrunner.api.JsonRequestBody;
import dev.jobrunner.api.UserText;
import dev.jobrunner.jobs.entity.DeliveryPolicy;
import dev.jobrunner.jobs.entity.HttpMethod;
import dev.jobrunner.jobs.entity.JobSpec;
import dev.jobrunner.jobs.entity.MissedRunPolicy;
import dev.jobrunner.jobs.entity.OverlapPolicy;
import dev.jobrunner.jobs.entity.ScheduleTime;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.ws.rs.core.Response.Status;
import java.math.BigDecimal;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads a create or update request ({@code {"jobrunner": {...}}}) into a {@link JobSpec} and the secrets
 * that go with it, collecting one message per problem in the spec's style. Parsing by hand (JSON-P, not
 * binding) is what lets a wrong type or an unknown field get a message that names the field instead of a
 * binder's exception text. Messages never repeat a header value: those are secrets.
 */
public final class JobSpecParser {
  public static final int MAX_TITLE_CHARS = 200;
  public static final int MAX_URL_CHARS = 2048;
  public static final int MAX_CONTENT_TYPE_CHARS = 255;
  public static final int MAX_BODY_BYTES = 65_536;
  public static final int MAX_HEADERS = 20;
  public static final int MAX_HEADER_NAME_CHARS = 64;
  public static final int MAX_HEADER_VALUE_CHARS = 4096;
  public static final int MAX_HEADERS_BYTES = 8192;
  private static final int MAX_MESSAGES = 20;

  private static final Set<String> FIELDS =
      Set.of(
          "title", "method", "url", "content_type", "body", "schedulation", "timezone", "missed_run_policy",
          "headers", "signed", "connect_timeout_ms", "timeout_ms", "retries", "overlap_policy", "auto_pause_after",
          "notify_url");
  /** Headers the service sets itself, or that describe the connection rather than the request. */
  private static final Set<String> RESERVED_HEADERS =
      Set.of(
          "host", "content-length", "content-type", "transfer-encoding", "connection", "keep-alive", "upgrade",
          "te", "trailer", "expect", "proxy-authorization", "proxy-connection", "idempotency-key",
          "x-scheduled-at", "webhook-id", "webhook-timestamp", "webhook-signature");
  private static final Pattern HEADER_NAME = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]+");
  private static final Pattern HEADER_VALUE = Pattern.compile("[\\t\\x20-\\x7E]*");
  /** RFC 9110 media type: type "/" subtype *( OWS ";" OWS parameter ). */
  private static final String TOKEN = "[!#$%&'*+.^_`|~0-9A-Za-z-]+";
  private static final Pattern MEDIA_TYPE =
      Pattern.compile(
          TOKEN + "/" + TOKEN + "([ \\t]*;[ \\t]*" + TOKEN + "=(" + TOKEN + "|\"[^\"\\\\\\p{Cntrl}]*\"))*");

  /** The service-wide maxima that a job's own timeouts may not exceed. */
  public record Limits(int maxConnectTimeoutMs, int maxTimeoutMs) {
    public static final Limits DEFAULT = new Limits(5_000, 30_000);
  }

  /**
   * A parsed request: the spec, plus what it says of the secrets. {@code headers} is null when the request
   * does not mention them (an update then keeps the stored ones); in a patch a null value removes a header.
   * {@code signed} is null when not given.
   */
  public record ParsedJob(JobSpec spec, Map<String, String> headers, Boolean signed) {}

  private final List<String> problems = new ArrayList<>();
  private final ZoneId defaultZone;
  private final Limits limits;
  private final boolean patch;

  private JobSpecParser(ZoneId defaultZone, Limits limits, boolean patch) {
    this.defaultZone = defaultZone;
    this.limits = limits;
    this.patch = patch;
  }

  /** Parses with UTC as the zone of jobs that name none and the default limits. */
  public static JobSpec parseCreateRequest(String requestBody) {
    return parseCreateRequest(requestBody, ZoneOffset.UTC);
  }

  public static JobSpec parseCreateRequest(String requestBody, ZoneId defaultZone) {
    return parse(requestBody, defaultZone, Limits.DEFAULT).spec();
  }

  /** A create or full-replacement (PUT) request. */
  public static ParsedJob parse(String requestBody, ZoneId defaultZone, Limits limits) {
    return new JobSpecParser(defaultZone, limits, false).parse(readJobRunner(requestBody));
  }

  /**
   * A PATCH: {@code merged} is the stored job as a create request with the patch applied (JSON merge patch),
   * so it gets the same validation as a create; {@code headerPatch} is the patch's {@code headers}, if any.
   */
  public static ParsedJob parseMerged(JsonObject merged, JsonValue headerPatch, ZoneId defaultZone, Limits limits) {
    var builder = Json.createObjectBuilder(merged);
    if (headerPatch != null) {
      builder.add("headers", headerPatch);
    }
    return new JobSpecParser(defaultZone, limits, true).parse(builder.build());
  }

  /** Reads the envelope: the request's {@code "jobrunner"} object. */
  public static JsonObject readJobRunner(String requestBody) {
    return jobRunnerObject(JsonRequestBody.readObject(requestBody, "{\"jobrunner\": {...}}"));
  }

  /** RFC 7386: members of the patch replace the target's, a null member removes one. */
  public static JsonObject mergePatch(JsonObject target, JsonObject patch) {
    var merged = Json.createObjectBuilder(target);
    patch.forEach(
        (name, value) -> {
          if (value == JsonValue.NULL) {
            merged.remove(name);
          } else {
            merged.add(name, value);
          }
        });
    return merged.build();
  }

  private ParsedJob parse(JsonObject jobRunner) {
    String title = title(jobRunner);
    HttpMethod method = method(jobRunner);
    URI url = httpUrl(jobRunner, "url", true);
    String contentType = contentType(jobRunner);
    String body = body(jobRunner, method);
    List<ScheduleTime> times = schedulation(jobRunner);
    ZoneId zone = timezone(jobRunner);
    MissedRunPolicy missedRunPolicy = missedRunPolicy(jobRunner);
    DeliveryPolicy delivery = delivery(jobRunner);
    Map<String, String> headers = headers(jobRunner);
    Boolean signed = optionalBoolean(jobRunner, "signed");
    URI notifyUrl = httpUrl(jobRunner, "notify_url", false);
    for (String field : jobRunner.keySet()) {
      if (!FIELDS.contains(field)) {
        problem("Unknown field \"" + printable(field) + "\" in \"jobrunner\"");
      }
    }
    if (!problems.isEmpty()) {
      throw new ApiException(Status.BAD_REQUEST, problems);
    }
    return new ParsedJob(
        new JobSpec(title, method, url, contentType, body, times, zone, missedRunPolicy, delivery, notifyUrl),
        headers,
        signed);
  }

  private static JsonObject jobRunnerObject(JsonObject request) {
    JsonValue value = request.get("jobrunner");
    if (value == null || value == JsonValue.NULL) {
      throw ApiException.badRequest("Missing \"jobrunner\" object");
    }
    if (!(value instanceof JsonObject object)) {
      throw ApiException.badRequest("\"jobrunner\" must be an object");
    }
    for (String field : request.keySet()) {
      if (!field.equals("jobrunner")) {
        throw ApiException.badRequest("Unknown field \"" + printable(field) + "\"");
      }
    }
    return object;
  }

  private String title(JsonObject job) {
    String title = requiredString(job, "title");
    if (title == null) {
      return null;
    }
    if (invisible(title)) {
      problem("\"title\" must not be blank");
    } else if (title.codePointCount(0, title.length()) > MAX_TITLE_CHARS) {
      problem("\"title\" is longer than " + MAX_TITLE_CHARS + " characters");
    } else if (UserText.hasControlCharacters(title)) {
      problem("\"title\" must not contain control characters");
    }
    return title;
  }

  /** Blank also when made only of invisible characters: no-break and zero-width spaces, joiners, a BOM. */
  private static boolean invisible(String text) {
    return text.codePoints()
        .allMatch(cp -> Character.isWhitespace(cp) || Character.isSpaceChar(cp) || Character.getType(cp) == Character.FORMAT);
  }

  private HttpMethod method(JsonObject job) {
    String name = requiredString(job, "method");
    if (name == null) {
      return null;
    }
    return HttpMethod.parse(name)
        .orElseGet(
            () -> {
              problem("Invalid method \"" + printable(name) + "\". Use one of " + HttpMethod.ALLOWED);
              return null;
            });
  }

  /** {@code url}, and {@code notify_url} (optional) under the same rules. */
  private URI httpUrl(JsonObject job, String field, boolean required) {
    String text = required ? requiredString(job, field) : optionalString(job, field);
    if (text == null) {
      return null;
    }
    if (text.length() > MAX_URL_CHARS) {
      problem("\"" + field + "\" is longer than " + MAX_URL_CHARS + " characters");
      return null;
    }
    try {
      URI url = new URI(text);
      String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
      if ((scheme.equals("http") || scheme.equals("https"))
          && url.getHost() != null
          && url.getPort() <= 65_535) {
        return url;
      }
    } catch (URISyntaxException malformed) {
      // reported below
    }
    problem("Invalid " + field + " \"" + printable(text) + "\". Use an absolute http or https URL");
    return null;
  }

  private String contentType(JsonObject job) {
    String type = optionalString(job, "content_type");
    if (type == null) {
      return null;
    }
    if (type.length() > MAX_CONTENT_TYPE_CHARS) {
      problem("\"content_type\" is longer than " + MAX_CONTENT_TYPE_CHARS + " characters");
    } else if (!MEDIA_TYPE.matcher(type).matches()) {
      problem(
          "Invalid content_type \""
              + printable(type)
              + "\". Use a media type such as application/json");
    }
    return type;
  }

  private String body(JsonObject job, HttpMethod method) {
    String body = optionalString(job, "body");
    if (body == null || body.isEmpty()) {
      return body;
    }
    if (body.getBytes(StandardCharsets.UTF_8).length > MAX_BODY_BYTES) {
      problem("\"body\" is larger than " + MAX_BODY_BYTES + " bytes");
    }
    if (body.indexOf('\u0000') >= 0) {
      problem("\"body\" must not contain NUL characters (\\u0000)");
    }
    if (method != null && !method.carriesBody()) {
      problem("Method " + method + " cannot carry a body");
    }
    JsonValue givenType = job.get("content_type");
    if (givenType == null || givenType == JsonValue.NULL) {
      problem("\"content_type\" is required when a body is given");
    }
    return body;
  }

  private List<ScheduleTime> schedulation(JsonObject job) {
    JsonValue value = job.get("schedulation");
    if (value == null || value == JsonValue.NULL) {
      return List.of();
    }
    if (!(value instanceof JsonArray array)) {
      problem("\"schedulation\" must be an array of \"HH:mm\" times");
      return List.of();
    }
    List<ScheduleTime> times = new ArrayList<>();
    Set<ScheduleTime> seen = new HashSet<>();
    for (JsonValue entry : array) {
      String text = entry instanceof JsonString string ? string.getString() : null;
      var time = ScheduleTime.parse(text);
      if (time.isEmpty()) {
        String shown = text != null ? "\"" + printable(text) + "\"" : printable(entry.toString());
        problem("Invalid schedulation time " + shown + ". Use HH:mm format");
      } else if (!seen.add(time.get())) {
        problem("Duplicate schedulation time \"" + text + "\"");
      } else {
        times.add(time.get());
      }
    }
    return times;
  }

  private ZoneId timezone(JsonObject job) {
    String id = optionalString(job, "timezone");
    if (id == null) {
      return defaultZone;
    }
    if (ZoneId.getAvailableZoneIds().contains(id)) {
      return ZoneId.of(id);
    }
    problem("Invalid timezone \"" + printable(id) + "\". Use an IANA time zone such as Europe/Paris or UTC");
    return defaultZone;
  }

  private MissedRunPolicy missedRunPolicy(JsonObject job) {
    String word = optionalString(job, "missed_run_policy");
    if (word == null) {
      return MissedRunPolicy.DEFAULT;
    }
    return MissedRunPolicy.parse(word)
        .orElseGet(
            () -> {
              problem("Invalid missed_run_policy \"" + printable(word) + "\". Use run_once or skip");
              return MissedRunPolicy.DEFAULT;
            });
  }

  private DeliveryPolicy delivery(JsonObject job) {
    Integer connectTimeout = optionalInt(job, "connect_timeout_ms", 1, limits.maxConnectTimeoutMs());
    Integer timeout = optionalInt(job, "timeout_ms", 1, limits.maxTimeoutMs());
    Integer retries = optionalInt(job, "retries", 0, DeliveryPolicy.MAX_RETRIES);
    Integer autoPauseAfter = optionalInt(job, "auto_pause_after", 0, DeliveryPolicy.MAX_AUTO_PAUSE_AFTER);
    String overlapWord = optionalString(job, "overlap_policy");
    OverlapPolicy overlap = OverlapPolicy.DEFAULT;
    if (overlapWord != null) {
      overlap =
          OverlapPolicy.parse(overlapWord)
              .orElseGet(
                  () -> {
                    problem("Invalid overlap_policy \"" + printable(overlapWord) + "\". Use skip or allow");
                    return OverlapPolicy.DEFAULT;
                  });
    }
    return new DeliveryPolicy(
        connectTimeout, timeout, retries == null ? DeliveryPolicy.DEFAULT_RETRIES : retries, overlap, autoPauseAfter);
  }

  /** Custom headers; values are secrets, so no message repeats one. */
  private Map<String, String> headers(JsonObject job) {
    JsonValue value = job.get("headers");
    if (value == null || value == JsonValue.NULL) {
      return null;
    }
    if (!(value instanceof JsonObject object)) {
      problem("\"headers\" must be an object of header names to string values");
      return null;
    }
    if (object.size() > MAX_HEADERS) {
      problem("\"headers\" has more than " + MAX_HEADERS + " headers");
      return null;
    }
    Map<String, String> headers = new LinkedHashMap<>();
    int bytes = 0;
    for (var entry : object.entrySet()) {
      String name = entry.getKey();
      if (name.length() > MAX_HEADER_NAME_CHARS || !HEADER_NAME.matcher(name).matches()) {
        problem("Invalid header name \"" + printable(clipped(name)) + "\". Use letters, digits and - (at most "
            + MAX_HEADER_NAME_CHARS + " characters)");
        continue;
      }
      if (RESERVED_HEADERS.contains(name.toLowerCase(Locale.ROOT))) {
        problem("Header \"" + name + "\" cannot be set: Job Runner sets it"
            + (name.equalsIgnoreCase("content-type") ? " (use \"content_type\")" : ""));
        continue;
      }
      JsonValue headerValue = entry.getValue();
      if (headerValue == JsonValue.NULL && patch) {
        headers.put(name, null);
      } else if (!(headerValue instanceof JsonString string)) {
        problem("Header \"" + name + "\" must have a string value");
      } else if (string.getString().length() > MAX_HEADER_VALUE_CHARS) {
        problem("Header \"" + name + "\" value is longer than " + MAX_HEADER_VALUE_CHARS + " characters");
      } else if (!HEADER_VALUE.matcher(string.getString()).matches()) {
        problem("Header \"" + name + "\" value must be printable ASCII on one line (no control characters)");
      } else {
        headers.put(name, string.getString());
        bytes += name.length() + string.getString().length();
      }
    }
    if (bytes > MAX_HEADERS_BYTES) {
      problem("\"headers\" are larger than " + MAX_HEADERS_BYTES + " bytes in all");
    }
    return headers;
  }

  private static String clipped(String text) {
    return text.length() > 80 ? text.substring(0, 80) + "..." : text;
  }

  private Integer optionalInt(JsonObject job, String field, int min, int max) {
    JsonValue value = job.get(field);
    if (value == null || value == JsonValue.NULL) {
      return null;
    }
    if (value instanceof JsonNumber number && number.isIntegral()) {
      BigDecimal given = number.bigDecimalValue();
      if (given.compareTo(BigDecimal.valueOf(min)) >= 0 && given.compareTo(BigDecimal.valueOf(max)) <= 0) {
        return given.intValueExact();
      }
    }
    problem("\"" + field + "\" must be a whole number from " + min + " to " + max);
    return null;
  }

  private Boolean optionalBoolean(JsonObject job, String field) {
    JsonValue value = job.get(field);
    if (value == null || value == JsonValue.NULL) {
      return null;
    }
    if (value == JsonValue.TRUE || value == JsonValue.FALSE) {
      return value == JsonValue.TRUE;
    }
    problem("\"" + field + "\" must be true or false");
    return null;
  }

  private String requiredString(JsonObject job, String field) {
    JsonValue value = job.get(field);
    if (value == null || value == JsonValue.NULL) {
      problem("Missing \"" + field + "\"");
      return null;
    }
    return stringValue(field, value);
  }

  private String optionalString(JsonObject job, String field) {
    JsonValue value = job.get(field);
    if (value == null || value == JsonValue.NULL) {
      return null;
    }
    return stringValue(field, value);
  }

  private String stringValue(String field, JsonValue value) {
    if (value instanceof JsonString string) {
      return string.getString();
    }
    problem("\"" + field + "\" must be a string");
    return null;
  }

  private void problem(String message) {
    if (problems.size() < MAX_MESSAGES) {
      problems.add(message);
    }
  }

  private static String printable(String text) {
    return UserText.printable(text);
  }
}

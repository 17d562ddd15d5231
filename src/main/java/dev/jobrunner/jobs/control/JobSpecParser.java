package dev.jobrunner.jobs.control;

import dev.jobrunner.api.JsonBody;
import dev.jobrunner.api.JsonFields;
import dev.jobrunner.api.UserText;
import dev.jobrunner.jobs.entity.DeliveryGuarantee;
import dev.jobrunner.jobs.entity.DeliveryPolicy;
import dev.jobrunner.jobs.entity.HttpMethod;
import dev.jobrunner.jobs.entity.JobSpec;
import dev.jobrunner.jobs.entity.MissedRunPolicy;
import dev.jobrunner.jobs.entity.OverlapPolicy;
import dev.jobrunner.jobs.entity.ScheduleTime;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
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
 * Reads a create or update request ({@code {"jobrunner": {...}}}) into a {@link JobSpec} and the
 * secrets that go with it, collecting one message per problem in the spec's style (the field rules
 * shared with the other request bodies are {@link JsonFields}'). Messages never repeat a header
 * value: those are secrets.
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
  static final String SHAPE = "{\"jobrunner\": {...}}";

  private static final Set<String> FIELDS =
      Set.of(
          "title",
          "method",
          "url",
          "content_type",
          "body",
          "schedulation",
          "timezone",
          "missed_run_policy",
          "headers",
          "signed",
          "connect_timeout_ms",
          "timeout_ms",
          "retries",
          "overlap_policy",
          "auto_pause_after",
          "delivery_guarantee",
          "notify_url");

  /** Headers the service sets itself, or that describe the connection rather than the request. */
  private static final Set<String> RESERVED_HEADERS =
      Set.of(
          "host",
          "content-length",
          "content-type",
          "transfer-encoding",
          "connection",
          "keep-alive",
          "upgrade",
          "te",
          "trailer",
          "expect",
          "proxy-authorization",
          "proxy-connection",
          "idempotency-key",
          "x-scheduled-at",
          "webhook-id",
          "webhook-timestamp",
          "webhook-signature");

  private static final Pattern HEADER_NAME = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]+");
  private static final Pattern HEADER_VALUE = Pattern.compile("[\\t\\x20-\\x7E]*");

  /** RFC 9110 media type: type "/" subtype *( OWS ";" OWS parameter ). */
  private static final String TOKEN = "[!#$%&'*+.^_`|~0-9A-Za-z-]+";

  private static final Pattern MEDIA_TYPE =
      Pattern.compile(
          TOKEN
              + "/"
              + TOKEN
              + "([ \\t]*;[ \\t]*"
              + TOKEN
              + "=("
              + TOKEN
              + "|\"[^\"\\\\\\p{Cntrl}]*\"))*");

  /** The service-wide maxima that a job's own timeouts may not exceed. */
  public record Limits(int maxConnectTimeoutMs, int maxTimeoutMs) {
    public static final Limits DEFAULT = new Limits(5_000, 30_000);
  }

  /**
   * A parsed request: the spec, plus what it says of the secrets. {@code headers} is null when the
   * request does not mention them (an update then keeps the stored ones); in a patch a null value
   * removes a header. {@code signed} is null when not given.
   */
  public record ParsedJob(JobSpec spec, Map<String, String> headers, Boolean signed) {}

  private final JsonFields job;
  private final ZoneId defaultZone;
  private final Limits limits;
  private final boolean patch;

  private JobSpecParser(JsonObject jobRunner, ZoneId defaultZone, Limits limits, boolean patch) {
    this.job = new JsonFields(jobRunner);
    this.defaultZone = defaultZone;
    this.limits = limits;
    this.patch = patch;
  }

  /** Parses with UTC as the zone of jobs that name none and the default limits. */
  public static JobSpec parseCreateRequest(String requestBody) {
    return parse(JsonBody.of(requestBody), ZoneOffset.UTC, Limits.DEFAULT).spec();
  }

  /** A create or full-replacement (PUT) request. */
  public static ParsedJob parse(JsonBody request, ZoneId defaultZone, Limits limits) {
    return new JobSpecParser(jobRunner(request), defaultZone, limits, false).parse();
  }

  /**
   * A PATCH: the request's {@code jobrunner} object is a JSON merge patch (RFC 7386) of {@code
   * stored}, the job as a create request, and the result gets the same validation as a create. The
   * patch's {@code headers} merge by name with the stored ones later ({@link JobSecrets}): their
   * values, secrets, are not in {@code stored}, so here they pass as given, a null removing one.
   */
  public static ParsedJob parsePatch(
      JsonObject stored, JsonBody request, ZoneId defaultZone, Limits limits) {
    JsonObject patch = jobRunner(request);
    JsonValue merged =
        Json.createMergePatch(Json.createObjectBuilder(patch).remove("headers").build())
            .apply(stored);
    var jobRunner = Json.createObjectBuilder(merged.asJsonObject());
    if (patch.get("headers") != null) {
      jobRunner.add("headers", patch.get("headers"));
    }
    return new JobSpecParser(jobRunner.build(), defaultZone, limits, true).parse();
  }

  /** The request's {@code "jobrunner"} object. */
  private static JsonObject jobRunner(JsonBody request) {
    return JsonFields.wrapped(request, "jobrunner", SHAPE);
  }

  private ParsedJob parse() {
    String title = job.requiredText("title", MAX_TITLE_CHARS);
    HttpMethod method = method();
    URI url = httpUrl("url", true);
    String contentType = contentType();
    String body = body(method);
    List<ScheduleTime> times = schedulation();
    ZoneId zone = timezone();
    MissedRunPolicy missedRunPolicy = missedRunPolicy();
    DeliveryPolicy delivery = delivery();
    Map<String, String> headers = headers();
    Boolean signed = job.optionalBoolean("signed");
    URI notifyUrl = httpUrl("notify_url", false);
    job.refuseUnknown(FIELDS, "jobrunner");
    job.throwIfAny();
    return new ParsedJob(
        new JobSpec(
            title,
            method,
            url,
            contentType,
            body,
            times,
            zone,
            missedRunPolicy,
            delivery,
            notifyUrl),
        headers,
        signed);
  }

  private HttpMethod method() {
    String name = job.requiredString("method");
    if (name == null) {
      return null;
    }
    return HttpMethod.parse(name)
        .orElseGet(
            () -> {
              problem(
                  "Invalid method \"" + printable(name) + "\". Use one of " + HttpMethod.ALLOWED);
              return null;
            });
  }

  /** {@code url}, and {@code notify_url} (optional) under the same rules. */
  private URI httpUrl(String field, boolean required) {
    String text = required ? job.requiredString(field) : job.optionalString(field);
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

  private String contentType() {
    String type = job.optionalString("content_type");
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

  private String body(HttpMethod method) {
    String body = job.optionalString("body");
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
    if (job.value("content_type") == null) {
      problem("\"content_type\" is required when a body is given");
    }
    return body;
  }

  private List<ScheduleTime> schedulation() {
    JsonValue value = job.value("schedulation");
    if (value == null) {
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

  private ZoneId timezone() {
    String id = job.optionalString("timezone");
    if (id == null) {
      return defaultZone;
    }
    if (ZoneId.getAvailableZoneIds().contains(id)) {
      return ZoneId.of(id);
    }
    problem(
        "Invalid timezone \""
            + printable(id)
            + "\". Use an IANA time zone such as Europe/Paris or UTC");
    return defaultZone;
  }

  private MissedRunPolicy missedRunPolicy() {
    String word = job.optionalString("missed_run_policy");
    if (word == null) {
      return MissedRunPolicy.DEFAULT;
    }
    return MissedRunPolicy.parse(word)
        .orElseGet(
            () -> {
              problem(
                  "Invalid missed_run_policy \"" + printable(word) + "\". Use run_once or skip");
              return MissedRunPolicy.DEFAULT;
            });
  }

  private DeliveryPolicy delivery() {
    Integer connectTimeout = job.optionalInt("connect_timeout_ms", 1, limits.maxConnectTimeoutMs());
    Integer timeout = job.optionalInt("timeout_ms", 1, limits.maxTimeoutMs());
    Integer retries = job.optionalInt("retries", 0, DeliveryPolicy.MAX_RETRIES);
    Integer autoPauseAfter =
        job.optionalInt("auto_pause_after", 0, DeliveryPolicy.MAX_AUTO_PAUSE_AFTER);
    String overlapWord = job.optionalString("overlap_policy");
    OverlapPolicy overlap = OverlapPolicy.DEFAULT;
    if (overlapWord != null) {
      overlap =
          OverlapPolicy.parse(overlapWord)
              .orElseGet(
                  () -> {
                    problem(
                        "Invalid overlap_policy \""
                            + printable(overlapWord)
                            + "\". Use skip or allow");
                    return OverlapPolicy.DEFAULT;
                  });
    }
    return new DeliveryPolicy(
        connectTimeout,
        timeout,
        retries == null ? DeliveryPolicy.DEFAULT_RETRIES : retries,
        overlap,
        autoPauseAfter,
        deliveryGuarantee());
  }

  private DeliveryGuarantee deliveryGuarantee() {
    String word = job.optionalString("delivery_guarantee");
    if (word == null) {
      return DeliveryGuarantee.DEFAULT;
    }
    return DeliveryGuarantee.parse(word)
        .orElseGet(
            () -> {
              problem(
                  "Invalid delivery_guarantee \""
                      + printable(word)
                      + "\". Use at_least_once or at_most_once");
              return DeliveryGuarantee.DEFAULT;
            });
  }

  /** Custom headers; values are secrets, so no message repeats one. */
  private Map<String, String> headers() {
    JsonValue value = job.value("headers");
    if (value == null) {
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
        problem(
            "Invalid header name \""
                + printable(clipped(name))
                + "\". Use letters, digits and - (at most "
                + MAX_HEADER_NAME_CHARS
                + " characters)");
        continue;
      }
      if (RESERVED_HEADERS.contains(name.toLowerCase(Locale.ROOT))) {
        problem(
            "Header \""
                + name
                + "\" cannot be set: Job Runner sets it"
                + (name.equalsIgnoreCase("content-type") ? " (use \"content_type\")" : ""));
        continue;
      }
      JsonValue headerValue = entry.getValue();
      if (headerValue == JsonValue.NULL && patch) {
        headers.put(name, null);
      } else if (!(headerValue instanceof JsonString string)) {
        problem("Header \"" + name + "\" must have a string value");
      } else if (string.getString().length() > MAX_HEADER_VALUE_CHARS) {
        problem(
            "Header \""
                + name
                + "\" value is longer than "
                + MAX_HEADER_VALUE_CHARS
                + " characters");
      } else if (!HEADER_VALUE.matcher(string.getString()).matches()) {
        problem(
            "Header \""
                + name
                + "\" value must be printable ASCII on one line (no control characters)");
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

  private void problem(String message) {
    job.problem(message);
  }

  private static String printable(String text) {
    return UserText.printable(text);
  }
}

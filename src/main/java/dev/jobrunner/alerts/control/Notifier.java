package dev.jobrunner.alerts.control;

import dev.jobrunner.alerts.boundary.NotificationClient;
import dev.jobrunner.alerts.entity.Notification;
import dev.jobrunner.alerts.entity.NotificationOutcome;
import dev.jobrunner.delivery.control.GuardedDnsResolver;
import dev.jobrunner.delivery.control.TargetPolicy;
import dev.jobrunner.secrets.WebhookSignature;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.rest.client.RestClientBuilder;

/**
 * Sends notifications on two threads of its own, never on a delivery thread. What waits (queued, or
 * between retries) is bounded by {@code jobrunner.notify.queue-size}: past it a notification is
 * dropped and counted, so a dead receiver costs memory for at most that many. Each receiver's
 * address is checked by the same guard as job calls just before sending; the client then connects
 * to the name it resolves again (the JVM's DNS cache keeps the answer just checked, 30 s by
 * default), with connect and read timeouts, no redirects, and a few retries with doubling waits for
 * no answer, 408, 429 and 5xx.
 */
@ApplicationScoped
public class Notifier {
  private static final Logger LOG = Logger.getLogger(Notifier.class.getName());

  /** The service-wide receiver of every notification (JOBRUNNER_NOTIFY_URL). */
  @Inject
  @ConfigProperty(name = "jobrunner.notify.url")
  Optional<String> serviceUrl;

  /**
   * Signs notifications to the service-wide receiver; a job's own receiver gets its job's secret.
   */
  @Inject
  @ConfigProperty(name = "jobrunner.notify.signing-secret")
  Optional<String> serviceSecret;

  @Inject
  @ConfigProperty(name = "jobrunner.notify.connect-timeout-ms", defaultValue = "2000")
  long connectTimeoutMs;

  @Inject
  @ConfigProperty(name = "jobrunner.notify.timeout-ms", defaultValue = "5000")
  long timeoutMs;

  @Inject
  @ConfigProperty(name = "jobrunner.notify.retries", defaultValue = "3")
  int retries;

  @Inject
  @ConfigProperty(name = "jobrunner.notify.retry-delay-ms", defaultValue = "1000")
  long retryDelayMs;

  @Inject
  @ConfigProperty(name = "jobrunner.notify.queue-size", defaultValue = "1000")
  int queueSize;

  @Inject
  @ConfigProperty(name = "jobrunner.allowed-targets")
  Optional<String> allowedTargets;

  @Inject JobContacts jobs;
  @Inject Event<NotificationOutcome> outcomes;
  @Resource ManagedThreadFactory threads;

  private Optional<URI> service;
  private Optional<String> secret;
  private GuardedDnsResolver guard;
  private ScheduledThreadPoolExecutor senders;
  private final AtomicInteger pending = new AtomicInteger();
  private final AtomicLong lastDropWarning = new AtomicLong();

  /** A receiver and how to sign for it. */
  record Receiver(URI url, Optional<String> signingSecret) {}

  @PostConstruct
  void start() {
    service =
        serviceUrl.filter(u -> !u.isBlank()).map(u -> NotifyUrl.parse(u, "JOBRUNNER_NOTIFY_URL"));
    secret = serviceSecret.filter(s -> !s.isBlank()).map(Notifier::checkedSecret);
    guard = new GuardedDnsResolver(TargetPolicy.allowing(allowedTargets.orElse("")));
    senders = new ScheduledThreadPoolExecutor(2, threads);
    senders.setRemoveOnCancelPolicy(true);
    service.ifPresent(
        url ->
            LOG.info(
                "Notifications go to "
                    + NotifyUrl.shown(url)
                    + (secret.isPresent() ? ", signed" : ", unsigned")));
  }

  /**
   * Reads the settings at deployment, so a malformed one stops it instead of failing every alert
   * later.
   */
  void atDeployment(@Observes @Initialized(ApplicationScoped.class) Object started) {
    pending();
  }

  @PreDestroy
  void stop() {
    senders.shutdownNow();
  }

  /** Notifications queued or waiting for a retry. */
  public int pending() {
    return pending.get();
  }

  /**
   * Takes a notification for sending later; drops it (counted) when too many wait already. Never
   * blocks.
   */
  public void enqueue(Notification notification) {
    if (pending.incrementAndGet() > queueSize) {
      pending.decrementAndGet();
      dropped();
      return;
    }
    try {
      senders.execute(
          () -> {
            try {
              send(notification);
            } finally {
              pending.decrementAndGet();
            }
          });
    } catch (RejectedExecutionException stopping) {
      pending.decrementAndGet();
    }
  }

  private void send(Notification notification) {
    JobContacts.Contact job;
    try {
      job = jobs.of(notification.jobId());
    } catch (RuntimeException e) {
      LOG.log(
          Level.WARNING,
          "A "
              + notification.type().word()
              + " notification was not sent: its job could not be read",
          e);
      outcomes.fire(NotificationOutcome.FAILED);
      return;
    }
    Notification titled = notification.titled(job.title().orElse(null));
    service.ifPresent(url -> attempt(new Receiver(url, secret), titled, 1));
    job.notifyUrl().ifPresent(url -> attempt(new Receiver(url, job.signingSecret()), titled, 1));
  }

  /** One attempt now; a retry later on the same pool, counted as pending meanwhile. */
  private void attempt(Receiver receiver, Notification notification, int attempt) {
    Result result = post(receiver, notification);
    if (result == Result.RETRY && attempt <= retries) {
      pending.incrementAndGet();
      try {
        senders.schedule(
            () -> {
              try {
                attempt(receiver, notification, attempt + 1);
              } finally {
                pending.decrementAndGet();
              }
            },
            retryDelayMs << Math.min(attempt - 1, 16),
            TimeUnit.MILLISECONDS);
      } catch (RejectedExecutionException stopping) {
        pending.decrementAndGet();
      }
      return;
    }
    switch (result) {
      case SENT -> outcomes.fire(NotificationOutcome.SENT);
      case BLOCKED -> outcomes.fire(NotificationOutcome.BLOCKED);
      default -> {
        outcomes.fire(NotificationOutcome.FAILED);
        LOG.warning(
            "A "
                + notification.type().word()
                + " notification to "
                + NotifyUrl.shown(receiver.url())
                + " failed after "
                + attempt
                + " attempts");
      }
    }
  }

  enum Result {
    SENT,
    BLOCKED,
    RETRY,
    REFUSED
  }

  private Result post(Receiver receiver, Notification notification) {
    try {
      guard.resolve(receiver.url().getHost());
    } catch (GuardedDnsResolver.BlockedTarget blocked) {
      LOG.warning(
          "A notification to "
              + NotifyUrl.shown(receiver.url())
              + " was blocked: "
              + blocked.getMessage()
              + ". Internal receivers must be allowed by JOBRUNNER_ALLOWED_TARGETS");
      return Result.BLOCKED;
    } catch (UnknownHostException unknown) {
      return Result.RETRY;
    }
    String body = notification.toJson();
    long now = Instant.now().getEpochSecond();
    String signature =
        receiver
            .signingSecret()
            .map(s -> "v1," + WebhookSignature.sign(s, notification.id(), now, body))
            .orElse(null);
    NotificationClient client = null;
    try {
      client =
          RestClientBuilder.newBuilder()
              .baseUri(receiver.url())
              .connectTimeout(connectTimeoutMs, TimeUnit.MILLISECONDS)
              .readTimeout(timeoutMs, TimeUnit.MILLISECONDS)
              .followRedirects(false)
              .build(NotificationClient.class);
      try (Response response =
          client.send(
              body, notification.id(), signature == null ? null : Long.toString(now), signature)) {
        return classify(response.getStatus());
      }
    } catch (WebApplicationException answered) {
      return classify(answered.getResponse().getStatus());
    } catch (ProcessingException | IllegalStateException noAnswer) {
      return Result.RETRY;
    } catch (RuntimeException | LinkageError e) {
      LOG.log(Level.WARNING, "A notification could not be sent", e);
      return Result.REFUSED;
    } finally {
      close(client);
    }
  }

  /** Like job retries: no answer, 408, 429 and 5xx are tried again; any other refusal is final. */
  static Result classify(int status) {
    if (status >= 200 && status < 300) {
      return Result.SENT;
    }
    return status == 408 || status == 429 || status >= 500 ? Result.RETRY : Result.REFUSED;
  }

  private static void close(NotificationClient client) {
    if (client instanceof AutoCloseable closeable) {
      try {
        closeable.close();
      } catch (Exception ignored) {
        // the call is over either way
      }
    }
  }

  private void dropped() {
    outcomes.fire(NotificationOutcome.DROPPED);
    long now = System.currentTimeMillis();
    long last = lastDropWarning.get();
    if (now - last > 60_000 && lastDropWarning.compareAndSet(last, now)) {
      LOG.warning(
          "Notifications are being dropped: "
              + queueSize
              + " already wait (JOBRUNNER_NOTIFY_QUEUE_SIZE);"
              + " see jobrunner_notifications_total{outcome=\"dropped\"}");
    }
  }

  /** Standard Webhooks' shape: whsec_ + base64 of 24 to 64 random bytes. */
  static String checkedSecret(String given) {
    String secret = given.strip();
    if (secret.startsWith(WebhookSignature.PREFIX)) {
      try {
        int bytes =
            java.util.Base64.getDecoder()
                .decode(secret.substring(WebhookSignature.PREFIX.length()))
                .length;
        if (bytes >= 24 && bytes <= 64) {
          return secret;
        }
      } catch (IllegalArgumentException notBase64) {
        // reported below
      }
    }
    throw new IllegalStateException(
        "JOBRUNNER_NOTIFY_SIGNING_SECRET must be whsec_ followed by base64 of 24 to 64 random bytes");
  }
}

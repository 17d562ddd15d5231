package dev.jobrunner.scheduling.boundary;

import dev.jobrunner.jobs.control.JobChanged;
import dev.jobrunner.scheduling.control.Dispatcher;
import dev.jobrunner.scheduling.control.ScheduleStore;
import dev.jobrunner.scheduling.control.Slot;
import dev.jobrunner.scheduling.control.SlotGroup;
import dev.jobrunner.scheduling.control.SlotUse;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.DependsOn;
import jakarta.ejb.EJB;
import jakarta.ejb.ScheduleExpression;
import jakarta.ejb.SessionContext;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.Timeout;
import jakarta.ejb.Timer;
import jakarta.ejb.TimerConfig;
import jakarta.ejb.TimerService;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.io.Serializable;
import java.time.Instant;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Persistent calendar timers for the slots (time of day + zone) that some job uses: one per zone
 * and set of minutes shared by some hours ({@link SlotGroup}: at most 24 per zone, one when every
 * minute of the day is used), whatever the number of jobs. The timers are a cache of the database:
 * reconciled at start (and by the sweep), missing ones created, orphans and doubles cancelled. A
 * firing only dispatches; the claims make a second firing of the same slot do nothing.
 */
@Startup
@Singleton
@DependsOn({"SchemaMigration", "CallerWarmUp"})
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
public class SlotTimers {
  private static final Logger LOG = Logger.getLogger(SlotTimers.class.getName());
  private static final String CATCH_UP = "catch-up";

  @Resource TimerService timers;

  /**
   * Slots known to have a timer here: lets a job create skip the timer service when its slots are
   * covered.
   */
  private final Set<Slot> covered = java.util.concurrent.ConcurrentHashMap.newKeySet();

  /** The container timers made for them. */
  private final AtomicInteger containerTimers = new AtomicInteger();

  @EJB ScheduleStore store;
  @EJB SlotUse slotUse;
  @Inject Dispatcher dispatcher;

  @Resource SessionContext context;
  @Resource ManagedExecutorService executor;

  /**
   * For the readiness check and metrics: the last reconcile, and the slots it left with a timer.
   */
  private volatile Instant lastReconciled;

  /**
   * Rebuilding timers takes up to seconds on Payara's timer store, so it happens just after
   * deployment, not during it: the API is up at once, and the minute sweep dispatches meanwhile.
   */
  @PostConstruct
  void start() {
    timers.createSingleActionTimer(1, new TimerConfig(CATCH_UP, false));
  }

  /**
   * Makes the container's timers match the slots in the database, grouped as {@link SlotGroup} says
   * (timers made one per slot by an older version, or by {@link #ensure} since, are regrouped in
   * the same transaction); returns the number of slots.
   */
  public synchronized int reconcile() {
    Set<Slot> wanted = new HashSet<>(store.slotsInUse());
    Set<SlotGroup> groups = new LinkedHashSet<>(SlotGroup.of(wanted));
    Set<SlotGroup> kept = new HashSet<>();
    slotTimers()
        .forEach(
            (timer, group) -> {
              if (!groups.contains(group) || !kept.add(group)) {
                cancel(timer);
              }
            });
    groups.stream().filter(group -> !kept.contains(group)).forEach(this::create);
    covered.clear();
    covered.addAll(wanted);
    containerTimers.set(groups.size());
    lastReconciled = Instant.now();
    return wanted.size();
  }

  /**
   * A job created, changed or deleted, in its transaction: the slots' counts, timers for the slots
   * it now uses, and the end of those of the slots it left that no job uses any more.
   */
  public void scheduleChanged(@Observes JobChanged change) {
    List<Slot> before = change.before() == null ? List.of() : Slot.of(change.before());
    List<Slot> after = change.after() == null ? List.of() : Slot.of(change.after());
    slotUse.changed(change.id(), before, after);
    ensure(after);
    List<Slot> left = before.stream().filter(slot -> !after.contains(slot)).toList();
    if (!left.isEmpty()) {
      release(left);
    }
  }

  /**
   * When the timers were last made to match the database; empty until the first time after start.
   */
  public java.util.Optional<Instant> lastReconciled() {
    return java.util.Optional.ofNullable(lastReconciled);
  }

  /** Slots known to have a timer on this instance. */
  public int slotTimerCount() {
    return covered.size();
  }

  /** The container timers that cover those slots (fewer: see {@link SlotGroup}). */
  public int containerTimerCount() {
    return containerTimers.get();
  }

  /** The next time one of this instance's slot timers fires; empty when it has none. */
  public Optional<Instant> nextFiring() {
    return slotTimers().keySet().stream()
        .map(SlotTimers::nextTimeout)
        .flatMap(Optional::stream)
        .min(Instant::compareTo);
  }

  /**
   * After a job is created or changed: timers for its slots that have none yet (grouped among
   * themselves; the next reconcile regroups them with the rest).
   */
  public void ensure(Collection<Slot> slots) {
    if (covered.containsAll(slots)) {
      return;
    }
    synchronized (this) {
      Set<Slot> existing = new HashSet<>();
      slotTimers().values().forEach(group -> existing.addAll(group.slots()));
      List<SlotGroup> missing =
          SlotGroup.of(slots.stream().filter(slot -> !existing.contains(slot)).toList());
      missing.forEach(this::create);
      containerTimers.addAndGet(missing.size());
      covered.addAll(slots);
    }
    // A slot whose timer could not be made here is still dispatched by the minute sweep.
  }

  /**
   * After a job is deleted or changed: of these slots, those no job uses any more lose their
   * firings. A timer that also covers slots still in use is replaced by timers for those only, so
   * that no timer fires for a slot nobody uses.
   */
  public synchronized void release(Collection<Slot> slots) {
    Set<Slot> unused = new HashSet<>();
    slotTimers()
        .forEach(
            (timer, group) -> {
              List<Slot> gone =
                  slots.stream()
                      .distinct()
                      .filter(group::contains)
                      .filter(slot -> unused.contains(slot) || !store.inUse(slot))
                      .toList();
              if (gone.isEmpty()) {
                return;
              }
              unused.addAll(gone);
              cancel(timer);
              List<SlotGroup> rest =
                  SlotGroup.of(
                      group.slots().stream().filter(slot -> !gone.contains(slot)).toList());
              rest.forEach(this::create);
              containerTimers.addAndGet(rest.size() - 1);
            });
    covered.removeAll(unused);
  }

  /**
   * Hands the work to the managed executor and returns: nothing can fail in the timeout itself, so
   * the container never retries it as a second firing nor, after a failure (Payara runs timeouts in
   * a container transaction that a database outage marks for rollback), expunges the timer.
   */
  @Timeout
  @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
  void fire(Timer timer) {
    String info = String.valueOf(timer.getInfo());
    // Through the container, so that reconciling makes the timers in a transaction of its own.
    SlotTimers self = CATCH_UP.equals(info) ? context.getBusinessObject(SlotTimers.class) : null;
    try {
      executor.execute(() -> dispatch(info, self));
    } catch (RejectedExecutionException stopping) {
      // the application is stopping
    }
  }

  private void dispatch(String info, SlotTimers self) {
    try {
      if (self != null) {
        long started = System.nanoTime();
        int count = self.reconcile();
        long ms = (System.nanoTime() - started) / 1_000_000;
        LOG.info(
            () ->
                "Slot timers reconciled: "
                    + count
                    + " slots in "
                    + containerTimerCount()
                    + " timers ("
                    + ms
                    + " ms)");
      }
      // Also the catch-up after a start: what passed while no instance ran.
      dispatcher.dispatchDue(Instant.now());
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "Dispatch for " + info + " failed; it is tried again every second", e);
    }
  }

  /** This bean's slot timers with the slots each covers, read once each. */
  private Map<Timer, SlotGroup> slotTimers() {
    Map<Timer, SlotGroup> found = new LinkedHashMap<>();
    for (Timer timer : timers.getTimers()) {
      String key = slotKey(timer);
      if (key != null) {
        try {
          found.put(timer, SlotGroup.fromKey(key));
        } catch (IllegalArgumentException notOurs) {
          // another timer's info that happens to hold an '@'
        }
      }
    }
    return found;
  }

  private static Optional<Instant> nextTimeout(Timer timer) {
    try {
      return Optional.of(timer.getNextTimeout().toInstant());
    } catch (RuntimeException cancelledMeanwhile) {
      return Optional.empty();
    }
  }

  /**
   * The timer's slot key; null for other timers and for one created or cancelled by a concurrent
   * transaction.
   */
  private static String slotKey(Timer timer) {
    try {
      return timer.getInfo() instanceof String key && key.contains("@") ? key : null;
    } catch (RuntimeException createdOrCancelledMeanwhile) {
      return null;
    }
  }

  private void create(SlotGroup group) {
    var expression =
        new ScheduleExpression()
            .hour(group.hourList())
            .minute(group.minuteList())
            .second(0)
            .timezone(group.zone().getId());
    timers.createCalendarTimer(expression, new TimerConfig((Serializable) group.key(), true));
  }

  private static void cancel(Timer timer) {
    try {
      timer.cancel();
    } catch (RuntimeException alreadyGone) {
      // cancelled meanwhile (another instance, a concurrent reconcile)
    }
  }
}

package io.stacks.outbox;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.scheduler.Scheduled;
import io.stacks.platform.auth.ServiceTokens;
import io.stacks.platform.problem.RequestIds;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.microprofile.config.Config;
import org.jboss.logging.Logger;
import org.jboss.logging.MDC;

/**
 * Delivers the outbox: woken after every commit that recorded an event and every poll interval (for events a
 * crash or a failure left behind). Events are claimed with a lease, so several instances never deliver the same
 * event at once, and one that dies mid-delivery leaves its events to the others once the lease ends. A delivery
 * carries the event id as {@code Idempotency-Key}: a peer that sees it twice applies it once.
 */
@ApplicationScoped
public class OutboxRelay {

    private static final Logger LOG = Logger.getLogger(OutboxRelay.class);
    /** Answers that will not change however often the same request is sent: the event is dead at once. */
    private static final Set<Integer> PERMANENT = Set.of(400, 404, 405, 409, 410, 413, 415, 422);

    private final OutboxStore store;
    private final ServiceTokens serviceTokens;
    private final OutboxConfig config;
    private final Config peers;
    private final RetrySchedule schedule;
    private final HttpClient http;
    private final Clock clock = Clock.systemUTC();
    /** One drain at a time per instance; a wake-up during a drain asks for one more. */
    private final ExecutorService drainer = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "outbox-relay");
        thread.setDaemon(true);
        return thread;
    });
    private final AtomicBoolean drainQueued = new AtomicBoolean();
    private final AtomicLong pendingEvents = new AtomicLong();
    private final AtomicLong deadEvents = new AtomicLong();
    private final MeterRegistry metrics;
    private final Timer deliveryDelay;

    OutboxRelay(OutboxStore store, ServiceTokens serviceTokens, OutboxConfig config, Config peers,
            MeterRegistry metrics) {
        this.store = store;
        this.serviceTokens = serviceTokens;
        this.config = config;
        this.peers = peers;
        this.metrics = metrics;
        if (config.lease().compareTo(config.deliveryTimeout().multipliedBy(2)) <= 0) {
            // Deliveries start only while twice the delivery timeout is left of the lease: none ever would.
            throw new IllegalStateException("stacks.outbox.lease (" + config.lease() + ") must be longer than twice "
                    + "stacks.outbox.delivery-timeout (" + config.deliveryTimeout() + ")");
        }
        this.schedule = new RetrySchedule(config.initialBackoff(), config.maxBackoff(), config.maxAttempts());
        this.http = HttpClient.newBuilder().connectTimeout(config.deliveryTimeout()).build();
        this.deliveryDelay = Timer.builder("stacks.outbox.delivery.delay")
                .description("From recording an event to its delivery").publishPercentiles(0.5, 0.99)
                .register(metrics);
        metrics.gauge("stacks.outbox.events", List.of(io.micrometer.core.instrument.Tag.of("status", "pending")),
                pendingEvents);
        metrics.gauge("stacks.outbox.events", List.of(io.micrometer.core.instrument.Tag.of("status", "dead")),
                deadEvents);
    }

    /** Asks for a drain soon; cheap and safe to call from any thread, any number of times. */
    public void wake() {
        if (drainQueued.compareAndSet(false, true)) {
            try {
                drainer.execute(() -> {
                    drainQueued.set(false);
                    drain();
                });
            } catch (RejectedExecutionException e) {
                drainQueued.set(false); // shutting down: what is left is delivered after the next start
            }
        }
    }

    @Scheduled(every = "${stacks.outbox.poll-interval}", delayed = "1s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void poll() {
        wake();
    }

    void stop(@Observes ShutdownEvent shutdown) throws InterruptedException {
        drainer.shutdown();
        drainer.awaitTermination(config.deliveryTimeout().toMillis() + 1000, TimeUnit.MILLISECONDS);
    }

    /** Delivers every due event, a batch at a time. */
    void drain() {
        try {
            List<OutboxEvent> batch;
            do {
                Instant now = clock.instant();
                // A delivery must end before the lease does, or another relay may take the same event meanwhile.
                Instant lastStart = now.plus(config.lease()).minus(config.deliveryTimeout().multipliedBy(2));
                batch = QuarkusTransaction.requiringNew()
                        .call(() -> store.claimDue(now, now.plus(config.lease()), config.batchSize()));
                batch.stream().filter(event -> clock.instant().isBefore(lastStart)).forEach(this::deliver);
            } while (batch.size() == config.batchSize());
            store.countByStatus().forEach((status, count) -> (OutboxStore.DEAD.equals(status) ? deadEvents
                    : pendingEvents).set(count));
        } catch (RuntimeException e) {
            // The database is down or the table is missing; the next poll tries again.
            LOG.warnf("outbox relay could not drain: %s", e.toString());
        }
    }

    private void deliver(OutboxEvent event) {
        MDC.put(RequestIds.MDC_KEY, event.requestId() == null ? event.id() : event.requestId());
        try {
            int status = send(event);
            if (status / 100 == 2) {
                QuarkusTransaction.requiringNew().run(() -> store.delivered(event.id()));
                deliveryDelay.record(Duration.between(event.createdAt(), clock.instant()));
                count("stacks.outbox.delivered", event);
            } else {
                failed(event, "HTTP " + status + " from " + event.request().target(), PERMANENT.contains(status));
            }
        } catch (IOException | RuntimeException e) {
            failed(event, e.toString(), false);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            MDC.remove(RequestIds.MDC_KEY);
        }
    }

    private int send(OutboxEvent event) throws IOException, InterruptedException {
        PeerRequest request = event.request();
        String base = peers.getValue("quarkus.rest-client." + request.target() + ".url", String.class);
        HttpRequest.Builder http = HttpRequest.newBuilder(URI.create(base.replaceAll("/+$", "") + request.path()))
                .timeout(config.deliveryTimeout())
                .header("Authorization", serviceTokens.bearerFor(request.target()))
                .header("Idempotency-Key", event.id())
                .method(request.method(), request.payload() == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(request.payload()));
        if (request.payload() != null) {
            http.header("Content-Type", "application/json");
        }
        if (event.requestId() != null) {
            http.header(RequestIds.HEADER, event.requestId());
        }
        return this.http.send(http.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    private void failed(OutboxEvent event, String error, boolean permanent) {
        if (permanent || !schedule.mayRetryAfter(event.attempts())) {
            if (QuarkusTransaction.requiringNew().call(() -> store.dead(event, error))) {
                count("stacks.outbox.dead", event);
                LOG.errorf("outbox event %s (%s of %s for %s) is DEAD after %d attempt(s): %s", event.id(),
                        event.request().type(), event.request().key(), event.request().target(), event.attempts(),
                        error);
            }
            return;
        }
        Duration delay = schedule.delayAfter(event.attempts(), ThreadLocalRandom.current()::nextDouble);
        if (QuarkusTransaction.requiringNew().call(() -> store.retryAt(event, clock.instant().plus(delay), error))) {
            count("stacks.outbox.retries", event);
            LOG.warnf("outbox event %s (%s for %s) failed attempt %d, next in %d ms: %s", event.id(),
                    event.request().type(), event.request().target(), event.attempts(), delay.toMillis(), error);
        } else {
            LOG.debugf("outbox event %s was claimed again meanwhile; its newer attempt decides", event.id());
        }
    }

    private void count(String name, OutboxEvent event) {
        Counter.builder(name).tag("type", event.request().type()).register(metrics).increment();
    }
}

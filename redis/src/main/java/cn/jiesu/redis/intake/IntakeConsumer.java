package cn.jiesu.redis.intake;

import cn.jiesu.core.appeal.AppealStoreException;
import cn.jiesu.redis.RedisClients;
import cn.jiesu.redis.RedisConfig;
import cn.jiesu.redis.StoreFailures;
import cn.jiesu.redis.StreamKeys;
import io.lettuce.core.Consumer;
import io.lettuce.core.RedisCommandExecutionException;
import io.lettuce.core.StreamMessage;
import io.lettuce.core.XReadArgs;
import io.lettuce.core.api.StatefulRedisConnection;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One consumer of a consumer group on the intake stream. Its loop runs on its own virtual thread with a dedicated
 * connection: XREADGROUP BLOCK, decode, {@link IntakeHandler#handle}, XACK after the handler's stage succeeds.
 * Between reads it claims entries other consumers left idle longer than {@code reclaimIdle} (XAUTOCLAIM), moves
 * entries delivered more than {@code maxDeliveries} times, and entries that do not decode, to the dead-letter
 * stream, and refreshes the group's gauges ({@code intake.stream.pending{group}}, {@code intake.stream.lag{group}}).
 *
 * <p>{@link #start()} and {@link #stop()} may be called from any thread; the handler is called only from the loop.
 */
public final class IntakeConsumer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(IntakeConsumer.class);
    private static final Duration MAX_GAUGE_INTERVAL = Duration.ofSeconds(5);
    private static final int MAX_CLAIM_PAGES = 10;

    private final RedisClients clients;
    private final RedisConfig config;
    private final String stream;
    private final String group;
    private final String name;
    private final IntakeHandler handler;
    private final StreamGroups groups;
    private final EntryDispatcher dispatcher;
    private final StoreFailures failures;
    private final GroupMeters meters;
    private final IdleClaims claims;
    private final AtomicBoolean started = new AtomicBoolean();
    private final AtomicBoolean running = new AtomicBoolean();
    private final CountDownLatch stopped = new CountDownLatch(1);
    private final long claimEveryNanos;
    private final long gaugesEveryNanos;

    private volatile boolean stopRequested;
    private volatile StatefulRedisConnection<String, String> reader;
    private long lastClaim;
    private long lastGauges;
    private long lastTidy;
    private boolean degraded;

    public IntakeConsumer(
            RedisClients clients,
            StreamKeys keys,
            RedisConfig config,
            String group,
            String name,
            IntakeHandler handler,
            MeterRegistry registry,
            Clock clock) {
        this.clients = clients;
        this.config = config;
        this.stream = keys.intakeStream();
        this.group = requireName(group, "group");
        this.name = requireName(name, "consumer name");
        this.handler = handler;
        this.groups = new StreamGroups(clients, stream);
        this.failures = clients.failures();
        this.meters = new GroupMeters(registry, group);
        this.dispatcher = new EntryDispatcher(
                clients,
                stream,
                group,
                name,
                config.maxDeliveries(),
                handler,
                new DeadLetters(clients, keys, clock),
                meters);
        this.claims = new IdleClaims(stream, group, name, config.reclaimIdle(), config.batchSize());
        long idle = config.reclaimIdle().toNanos();
        this.claimEveryNanos = Math.max(TimeUnit.MILLISECONDS.toNanos(50), idle / 2);
        this.gaugesEveryNanos = Math.min(MAX_GAUGE_INTERVAL.toNanos(), idle);
    }

    /** Creates the group if needed, then starts the loop; completes when the loop is running. */
    public CompletionStage<Void> start() {
        return groups.create(group)
                .thenCompose(created -> tidy().thenApply(v -> created))
                .thenAccept(created -> {
                    if (created) {
                        log.info("intake: created consumer group {} on {}", group, stream);
                    }
                    if (!stopRequested && started.compareAndSet(false, true)) {
                        running.set(true);
                        Thread.ofVirtual().name("intake-" + group + "-" + name).start(this::loop);
                    }
                });
    }

    /** Deletes the group's consumers gone {@link #staleAfter} without pending entries; failures are only logged. */
    private CompletionStage<Void> tidy() {
        return groups.deleteIdleConsumers(group, name, staleAfter()).handle((deleted, e) -> {
            if (e != null) {
                log.warn("intake: could not tidy consumers of {}: {}", group, e.toString());
            } else if (deleted > 0) {
                log.info("intake: deleted {} idle consumers without pending entries from group {}", deleted, group);
            }
            return null;
        });
    }

    /**
     * A consumer whose last read is this old is gone: a live one reads every block-timeout. Instances are named after
     * host and pid, so every restart used to leave one more consumer in the group for good (issue 12).
     */
    private Duration staleAfter() {
        Duration floor = Duration.ofMinutes(10);
        Duration tenReads = config.blockTimeout().plus(config.reclaimIdle()).multipliedBy(10);
        return tenReads.compareTo(floor) > 0 ? tenReads : floor;
    }

    /**
     * Stops reading, lets the handlers of the current batch finish (bounded by {@code reclaimIdle}), then closes
     * the dedicated connection. Blocks until then; idempotent.
     */
    public void stop() {
        stopRequested = true;
        running.set(false);
        if (!started.get()) {
            return;
        }
        Duration bound = config.blockTimeout()
                .plus(config.commandTimeout())
                .plus(config.reclaimIdle())
                .plusSeconds(1);
        try {
            if (!stopped.await(bound.toMillis(), TimeUnit.MILLISECONDS)) {
                log.warn("intake consumer {}/{} did not stop within {}; closing its connection", group, name, bound);
                closeReader();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            closeReader();
        }
    }

    @Override
    public void close() {
        stop();
    }

    public boolean isRunning() {
        return running.get();
    }

    private void loop() {
        long backoffMs = 100;
        lastClaim = System.nanoTime() - claimEveryNanos;
        lastGauges = System.nanoTime() - gaugesEveryNanos;
        lastTidy = System.nanoTime(); // start() tidied just now
        try {
            while (running.get() && !Thread.currentThread().isInterrupted()) {
                try {
                    if (reader == null) {
                        reader = clients.dedicated();
                    }
                    housekeeping();
                    List<StreamMessage<String, String>> batch = await(reader.async()
                            .xreadgroup(
                                    Consumer.from(group, name),
                                    XReadArgs.Builder.block(config.blockTimeout())
                                            .count(config.batchSize()),
                                    XReadArgs.StreamOffset.lastConsumed(stream)));
                    process(batch, null);
                    if (degraded) {
                        degraded = false;
                        log.info("intake consumer {}/{}: reading again", group, name);
                    }
                    backoffMs = 100;
                } catch (RuntimeException e) {
                    if (!running.get()) {
                        break;
                    }
                    AppealStoreException failure = failures.translate(e);
                    if (degraded) {
                        log.debug(
                                "intake consumer {}/{}: {}; retrying in {} ms",
                                group,
                                name,
                                failure.getMessage(),
                                backoffMs);
                    } else {
                        degraded = true; // one warning per outage, not one per retry
                        log.warn(
                                "intake consumer {}/{}: {}; retrying every {} ms at most",
                                group,
                                name,
                                failure.getMessage(),
                                config.blockTimeout().toMillis());
                    }
                    pause(backoffMs);
                    if (failure.getCause() instanceof RedisCommandExecutionException r
                            && "NOGROUP".equals(StoreFailures.errorCode(r))) {
                        recreateGroup(); // the stream or group was deleted under us (an operator, FLUSHDB)
                    }
                    backoffMs = Math.min(backoffMs * 2, config.blockTimeout().toMillis());
                }
            }
        } finally {
            closeReader();
            stopped.countDown();
        }
    }

    private void recreateGroup() {
        try {
            if (await(groups.create(group))) {
                log.warn("intake consumer {}/{}: the group was gone; created it again", group, name);
            }
        } catch (RuntimeException e) {
            log.warn("intake consumer {}/{}: could not create the group again: {}", group, name, describe(e));
        }
    }

    /** Claiming and gauges; their failures are logged and never stop the reading. */
    private void housekeeping() {
        long now = System.nanoTime();
        if (now - lastClaim >= claimEveryNanos) {
            lastClaim = now;
            try {
                claimIdle();
            } catch (RuntimeException e) {
                if (!degraded) {
                    log.warn("intake consumer {}/{}: claiming idle entries failed: {}", group, name, describe(e));
                }
            }
        }
        // Restarts within staleAfter of each other leave consumers behind that start() could not delete yet.
        if (!degraded && now - lastTidy >= staleAfter().toNanos() / 2) {
            lastTidy = now;
            try {
                await(tidy());
            } catch (RuntimeException e) {
                log.debug("intake consumer {}/{}: tidying failed: {}", group, name, describe(e));
            }
        }
        if (now - lastGauges >= gaugesEveryNanos) {
            lastGauges = now;
            try {
                await(groups.position(group)).ifPresent(meters::refresh);
            } catch (RuntimeException e) {
                log.debug("intake consumer {}/{}: gauge refresh failed: {}", group, name, describe(e));
            }
        }
    }

    /** Claims pages of entries idle past reclaimIdle, then handles or dead-letters them by delivery count. */
    private void claimIdle() {
        for (int page = 0; page < MAX_CLAIM_PAGES && running.get(); page++) {
            IdleClaims.Page claimed = await(claims.next(clients.shared().async()));
            process(claimed.messages(), claimed.deliveries());
            if (claimed.last()) {
                return;
            }
        }
    }

    /**
     * Handles a batch and waits for it, at most reclaimIdle (after that another consumer may take the entries
     * anyway). {@code deliveries} holds counts for claimed entries; null for fresh reads (first deliveries).
     */
    private void process(List<StreamMessage<String, String>> messages, Map<String, Long> deliveries) {
        if (messages == null || messages.isEmpty()) {
            return;
        }
        List<CompletableFuture<?>> work = new ArrayList<>(messages.size());
        for (StreamMessage<String, String> m : messages) {
            long count = deliveries == null ? 1 : deliveries.getOrDefault(m.getId(), -1L);
            if (count < 0) {
                continue; // acknowledged by someone else between claim and XPENDING
            }
            work.add(dispatcher.dispatch(m, count).toCompletableFuture());
        }
        try {
            handler.endOfBatch();
        } catch (RuntimeException e) {
            log.warn("intake consumer {}/{}: ending the batch failed: {}", group, name, describe(e));
        }
        try {
            CompletableFuture.allOf(work.toArray(CompletableFuture[]::new))
                    .get(config.reclaimIdle().toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            log.warn(
                    "intake consumer {}/{}: handlers still running after {}; reading on",
                    group,
                    name,
                    config.reclaimIdle());
        } catch (ExecutionException e) {
            log.debug("intake consumer {}/{}: batch finished with failures", group, name);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static String describe(Throwable e) {
        return EntryDispatcher.describe(e);
    }

    private <T> T await(CompletionStage<T> stage) {
        try {
            return stage.toCompletableFuture().get();
        } catch (ExecutionException e) {
            throw failures.translate(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("intake consumer interrupted", e);
        }
    }

    private void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void closeReader() {
        StatefulRedisConnection<String, String> r = reader;
        reader = null;
        if (r != null) {
            clients.release(r);
        }
    }

    private static String requireName(String value, String what) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(what + ": required");
        }
        return value;
    }
}

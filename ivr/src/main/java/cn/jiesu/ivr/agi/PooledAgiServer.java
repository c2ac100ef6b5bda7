package cn.jiesu.ivr.agi;

import java.io.IOException;
import java.net.InetAddress;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.asteriskjava.fastagi.DefaultAgiServer;
import org.asteriskjava.fastagi.MappingStrategy;
import org.asteriskjava.util.ServerSocketFacade;

/**
 * Asterisk-Java's {@link DefaultAgiServer} with our session pool. In 3.41.0 the only pool hook is
 * {@code createPool()}, which must return a {@link ThreadPoolExecutor} (there is no {@code setPool}); so the pool
 * is a {@code ThreadPoolExecutor} whose factory makes virtual threads, with no core threads, no keep-alive and a
 * {@link SynchronousQueue}: every session gets a fresh virtual thread, up to {@code max-sessions}. Beyond that the
 * executor rejects, and Asterisk-Java closes the socket ({@code agi.errors{kind=rejected}}).
 */
final class PooledAgiServer extends DefaultAgiServer {
    private final AgiConfig config;
    private final AgiMetrics metrics;
    private final CompletableFuture<Void> listening = new CompletableFuture<>();
    private volatile ThreadPoolExecutor pool;

    PooledAgiServer(AgiConfig config, MappingStrategy mapping, AgiMetrics metrics) throws IOException {
        super(mapping);
        this.config = config;
        this.metrics = metrics;
        // After super(): DefaultAgiServer reads a fastagi.properties from the classpath, which must not win.
        setAddress(InetAddress.getByName(config.bindAddress()));
        setPort(config.port());
        setSocketReadTimeout((int) config.socketReadTimeout().toMillis());
    }

    /** Completes when the server socket is bound, or exceptionally when binding failed. */
    CompletableFuture<Void> listening() {
        return listening;
    }

    @Override
    protected ServerSocketFacade createServerSocket() throws IOException {
        try {
            ServerSocketFacade socket = super.createServerSocket();
            listening.complete(null);
            return socket;
        } catch (IOException | RuntimeException e) {
            listening.completeExceptionally(e);
            throw e;
        }
    }

    @Override
    protected ThreadPoolExecutor createPool() {
        boolean virtual = config.threads() == AgiConfig.Threads.VIRTUAL;
        ThreadFactory threads = virtual
                ? Thread.ofVirtual().name("agi-session-", 0).factory()
                : Thread.ofPlatform().daemon().name("agi-session-", 0).factory();
        int core = virtual ? 0 : Math.min(10, config.maxSessions());
        long keepAliveSeconds = virtual ? 0 : 50;
        ThreadPoolExecutor created = new ThreadPoolExecutor(
                core,
                config.maxSessions(),
                keepAliveSeconds,
                TimeUnit.SECONDS,
                new SynchronousQueue<>(),
                threads,
                (task, executor) -> {
                    metrics.error("rejected");
                    throw new RejectedExecutionException("AGI session limit reached: " + config.maxSessions());
                });
        pool = created;
        return created;
    }

    /** Waits up to {@code millis} for running sessions after {@link #shutdown()}, then interrupts them. */
    boolean awaitSessions(long millis) throws InterruptedException {
        ThreadPoolExecutor p = pool;
        if (p == null) {
            return true;
        }
        if (p.awaitTermination(millis, TimeUnit.MILLISECONDS)) {
            return true;
        }
        p.shutdownNow();
        return p.awaitTermination(1, TimeUnit.SECONDS);
    }
}

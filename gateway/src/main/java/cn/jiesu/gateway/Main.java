package cn.jiesu.gateway;

import cn.jiesu.core.config.ConfigException;
import cn.jiesu.gateway.config.ConfigLoader;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Starts the gateway: loads and validates config, starts {@link Gateway}, stops it cleanly on SIGTERM. */
public final class Main {
    private static final Logger LOG = LoggerFactory.getLogger(Main.class);

    private Main() {}

    public static void main(String[] args) throws InterruptedException {
        Map<String, String> env = System.getenv();
        GatewayConfig config;
        try {
            config = GatewayConfig.from(ConfigLoader.load(ConfigLoader.operatorFile(args, env), env));
        } catch (ConfigException e) {
            // One line that names the key: the operator fixes it without reading a stack trace.
            System.err.println("jiesu: configuration error: " + e.getMessage());
            System.exit(2);
            return;
        }
        Gateway gateway;
        try {
            gateway = Gateway.start(config, Clock.systemUTC())
                    .toCompletionStage()
                    .toCompletableFuture()
                    .join();
        } catch (RuntimeException e) {
            LOG.error("start-up failed: {}", rootMessage(e));
            System.exit(1);
            return;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime()
                .addShutdownHook(new Thread(
                        () -> {
                            LOG.info("stopping: no new requests, draining in-flight work");
                            gateway.stop().join();
                            stopped.countDown();
                        },
                        "jiesu-shutdown"));
        LOG.info("Jiesu gateway up on http://{}:{}", config.http().host(), gateway.httpPort());
        stopped.await();
    }

    private static String rootMessage(Throwable t) {
        Throwable c = t;
        while (c.getCause() != null) {
            c = c.getCause();
        }
        return c.getClass().getSimpleName() + ": " + c.getMessage();
    }
}

package cn.jiesu.bench.channels;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.BodyHandler;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * The baseline: a bare Vert.x route on one event loop (like the gateway's HTTP verticle) that reads the body with
 * the same BodyHandler and answers 202 without looking at it. It runs in a JVM of its own ({@link #main}), started
 * by {@link Process}: in the gateway's JVM its traffic re-profiled the Netty and Vert.x code the gateway shares, and
 * the JIT kept recompiling it between the bare and the app runs.
 */
final class BareServer extends VerticleBase {
    private HttpServer server;

    @Override
    public Future<?> start() {
        Router router = Router.router(vertx);
        router.route().handler(BodyHandler.create(false).setBodyLimit(65536));
        router.post("/bare").handler(ctx -> ctx.response().setStatusCode(202).end());
        return vertx.createHttpServer()
                .requestHandler(router)
                .listen(0, "127.0.0.1")
                .onSuccess(s -> server = s);
    }

    /** Prints {@code port=N}, then serves until its standard input closes (the harness exits or closes it). */
    public static void main(String[] args) throws IOException {
        Vertx vertx = Vertx.vertx();
        BareServer bare = new BareServer();
        vertx.deployVerticle(bare).await();
        System.out.println("port=" + bare.server.actualPort());
        System.out.flush();
        try (BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))) {
            while (in.readLine() != null) {
                // nothing to read: EOF is the signal to stop
            }
        }
        vertx.close().await();
    }

    /** The bare server in a child JVM with the harness's class path and heap. */
    record Child(Process process, int port) implements AutoCloseable {
        static Child start(String heap) throws IOException {
            String java =
                    Path.of(System.getProperty("java.home"), "bin", "java").toString();
            Process p = new ProcessBuilder(List.of(
                            java,
                            "-Xms" + heap,
                            "-Xmx" + heap,
                            "-Dlogback.configurationFile=" + System.getProperty("logback.configurationFile", ""),
                            "-cp",
                            System.getProperty("java.class.path"),
                            BareServer.class.getName()))
                    .redirectError(ProcessBuilder.Redirect.INHERIT)
                    .start();
            BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
            String line = out.readLine();
            if (line == null || !line.startsWith("port=")) {
                p.destroyForcibly();
                throw new IOException("bare server did not start: " + line);
            }
            return new Child(p, Integer.parseInt(line.substring(5)));
        }

        /** CPU the child JVM has used so far, in nanoseconds. */
        long cpuNanos() {
            return process.info().totalCpuDuration().map(Duration::toNanos).orElse(0L);
        }

        @Override
        public void close() throws IOException {
            process.getOutputStream().close();
            try {
                if (!process.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                process.destroyForcibly();
            }
        }
    }
}

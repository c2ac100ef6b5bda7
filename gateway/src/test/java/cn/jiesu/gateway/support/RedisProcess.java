package cn.jiesu.gateway.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A redis-server of the test's own, run with the project's {@code config/redis/redis.conf} (AOF on, fsync on every
 * write), in a directory and on a port of its own: what scripts/run.sh and docker-compose run, with only port, dir
 * and bind overridden on the command line (as scripts/lib/redis.sh does). It can be killed with SIGKILL and started
 * again on the same directory and port, where it loads what its AOF holds. {@link #close} kills it; tests call it
 * in a finally block.
 */
public final class RedisProcess implements AutoCloseable {
    private final Path dir;
    private final int port;
    private final List<String> extraArgs;
    private Process process;

    private RedisProcess(Path dir, int port, List<String> extraArgs) {
        this.dir = dir;
        this.port = port;
        this.extraArgs = extraArgs;
    }

    /** Starts redis-server with the shipped config in {@code dir} on a free port; waits for PONG. */
    public static RedisProcess shippedConfig(Path dir, String... extraArgs) throws IOException {
        RedisProcess r = new RedisProcess(dir, freePort(), List.of(extraArgs));
        r.start();
        return r;
    }

    /** The project's config/redis/redis.conf, from the gateway module's directory (where Maven runs tests). */
    public static Path shippedConf() {
        for (Path p : List.of(Path.of("../config/redis/redis.conf"), Path.of("config/redis/redis.conf"))) {
            if (Files.isReadable(p)) {
                return p.toAbsolutePath().normalize();
            }
        }
        throw new IllegalStateException(
                "config/redis/redis.conf not found from " + Path.of("").toAbsolutePath());
    }

    public static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    public int port() {
        return port;
    }

    public String uri() {
        return "redis://127.0.0.1:" + port;
    }

    /** Starts it (again) on the same port and directory; returns once it answers PING with PONG (AOF loaded). */
    public void start() throws IOException {
        if (process != null && process.isAlive()) {
            throw new IllegalStateException("redis-server is running");
        }
        List<String> cmd = new ArrayList<>(List.of(
                "redis-server",
                shippedConf().toString(),
                "--port",
                Integer.toString(port),
                "--bind",
                "127.0.0.1",
                "--dir",
                dir.toString(),
                "--daemonize",
                "no",
                "--logfile",
                ""));
        cmd.addAll(extraArgs);
        process = new ProcessBuilder(cmd)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(
                        dir.resolve("redis.log").toFile()))
                .start();
        // Should the test JVM exit without reaching the test's finally block (a Maven timeout), do not leave it.
        Runtime.getRuntime().addShutdownHook(new Thread(process::destroyForcibly));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("redis-server exited " + process.exitValue() + ": " + logTail());
            }
            if (pong()) {
                return;
            }
            sleep(20);
        }
        throw new IllegalStateException("redis-server did not answer PONG on " + port + ": " + logTail());
    }

    /** SIGKILL (Process.destroyForcibly is SIGKILL on Linux); returns once the process is gone. */
    public void kill9() throws InterruptedException {
        if (process == null) {
            return;
        }
        process.destroyForcibly();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            throw new IllegalStateException("redis-server " + process.pid() + " survived SIGKILL");
        }
    }

    public boolean alive() {
        return process != null && process.isAlive();
    }

    private boolean pong() {
        try (Socket s = new Socket("127.0.0.1", port)) {
            s.setSoTimeout(1000);
            s.getOutputStream().write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
            InputStream in = s.getInputStream();
            byte[] b = new byte[7];
            int n = in.readNBytes(b, 0, 7);
            return n == 7 && new String(b, StandardCharsets.US_ASCII).equals("+PONG\r\n");
        } catch (IOException e) {
            return false; // not listening yet, or -LOADING
        }
    }

    public String logTail() {
        try {
            List<String> lines = Files.readAllLines(dir.resolve("redis.log"));
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() throws InterruptedException {
        kill9();
    }
}

package cn.jiesu.gateway.support;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.awaitility.core.ConditionTimeoutException;

/**
 * The gateway as its own JVM, started the way scripts/run.sh starts it ({@code java -jar
 * gateway/target/jiesu-gateway-*.jar}, the jar's manifest naming the libraries Maven copied to target/lib at
 * package time), from the repository root, with only the environment given (not the test's: scripts/test.sh
 * exports the Asterisk lab's settings, which a channel-only gateway must not pick up). Output goes to a log file.
 * {@link #kill9} is SIGKILL; {@link #close} kills it too, so a test's finally block leaves no process behind.
 */
public final class GatewayProcess implements AutoCloseable {
    private final Process process;
    private final Path log;
    private final int port;

    private GatewayProcess(Process process, Path log, int port) {
        this.process = process;
        this.log = log;
        this.port = port;
    }

    /**
     * Starts it with {@code env} (JIESU_* settings; JIESU_HTTP_PORT must be {@code port}) and the operator file, and
     * waits until {@code /health} answers 200.
     */
    public static GatewayProcess start(Map<String, String> env, Path operatorFile, int port, Path log)
            throws IOException, InterruptedException {
        if (!Integer.toString(port).equals(env.get("JIESU_HTTP_PORT"))) {
            throw new IllegalArgumentException("JIESU_HTTP_PORT must be " + port);
        }
        List<String> cmd = new ArrayList<>(
                List.of(javaBinary(), "-Xmx256m", "-jar", jar().toString(), "--config", operatorFile.toString()));
        ProcessBuilder pb = new ProcessBuilder(cmd)
                .directory(repositoryRoot().toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        Map<String, String> processEnv = pb.environment();
        processEnv.clear();
        for (String keep : List.of("PATH", "HOME", "LANG", "TMPDIR")) {
            String v = System.getenv(keep);
            if (v != null) {
                processEnv.put(keep, v);
            }
        }
        processEnv.putAll(env);
        GatewayProcess g = new GatewayProcess(pb.start(), log, port);
        // Should the test JVM exit without reaching the test's finally block (a Maven timeout), do not leave it.
        Runtime.getRuntime().addShutdownHook(new Thread(g.process::destroyForcibly));
        try {
            g.awaitHealthy(Duration.ofSeconds(60));
        } catch (RuntimeException e) {
            g.close();
            throw e;
        }
        return g;
    }

    private void awaitHealthy(Duration within) {
        HttpClient http =
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        HttpRequest health = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health"))
                .timeout(Duration.ofSeconds(2))
                .build();
        try (http) {
            await().atMost(within).pollInterval(Duration.ofMillis(50)).until(() -> {
                if (!process.isAlive()) {
                    throw new IllegalStateException("the gateway exited " + process.exitValue() + ":\n" + logTail(40));
                }
                try {
                    return http.send(health, HttpResponse.BodyHandlers.discarding())
                                    .statusCode()
                            == 200;
                } catch (IOException notYet) {
                    return false; // not listening yet
                }
            });
        } catch (ConditionTimeoutException e) {
            throw new IllegalStateException(
                    "the gateway did not answer /health within " + within + ":\n" + logTail(40), e);
        }
    }

    /** The java of this JVM (the JDK the build runs on). */
    private static String javaBinary() {
        return ProcessHandle.current()
                .info()
                .command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    }

    /** Where Maven runs the gateway's tests: the gateway module; the repository root is its parent. */
    public static Path repositoryRoot() {
        Path here = Path.of("").toAbsolutePath();
        return Files.isDirectory(here.resolve("gateway/target")) ? here : here.getParent();
    }

    /** gateway/target/jiesu-gateway-*.jar, built in the package phase before failsafe runs. */
    public static Path jar() throws IOException {
        Path target = repositoryRoot().resolve("gateway/target");
        try (DirectoryStream<Path> jars = Files.newDirectoryStream(target, "jiesu-gateway-*.jar")) {
            for (Path p : jars) {
                String name = p.getFileName().toString();
                if (!name.endsWith("-sources.jar") && !name.endsWith("-tests.jar")) {
                    if (!Files.isDirectory(target.resolve("lib"))) {
                        throw new IllegalStateException(target.resolve("lib") + " is missing: run mvn package");
                    }
                    return p;
                }
            }
        }
        throw new IllegalStateException(
                "no gateway jar in " + target + ": the integration tests run after mvn package");
    }

    public long pid() {
        return process.pid();
    }

    public int port() {
        return port;
    }

    public boolean alive() {
        return process.isAlive();
    }

    /** Sends a signal by name (STOP, CONT) with kill(1). */
    public void signal(String name) throws IOException, InterruptedException {
        Process kill = new ProcessBuilder("kill", "-" + name, Long.toString(process.pid()))
                .inheritIO()
                .start();
        if (kill.waitFor() != 0) {
            throw new IllegalStateException("kill -" + name + " " + process.pid() + " failed");
        }
    }

    /** SIGKILL (Process.destroyForcibly is SIGKILL on Linux); returns once the process is gone. */
    public void kill9() throws InterruptedException {
        process.destroyForcibly();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            throw new IllegalStateException("gateway " + process.pid() + " survived SIGKILL");
        }
    }

    public String logText() {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String logTail(int lines) {
        List<String> all = logText().lines().toList();
        return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            kill9();
        }
    }
}

package cn.jiesu.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import cn.jiesu.core.console.PasswordHasher;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The operator's commands of the gateway jar ({@code jiesu hash-password}, {@code jiesu --check-config FILE},
 * {@code jiesu import-history} usage, {@code jiesu --help}) through {@link Main}: in this JVM through the method {@code main} delegates to, and as a
 * separate process through {@code main} itself (stdin, stdout, exit status).
 */
class MainCommandsTest {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int command(Map<String, String> env, String... args) throws Exception {
        return Main.command(
                args,
                env,
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private String printed() {
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    @DisplayName("no argument or --config FILE starts the gateway; --help lists the commands")
    void startOrHelp() throws Exception {
        assertThat(command(Map.of())).isEqualTo(-1);
        assertThat(command(Map.of(), "--config", "jiesu.yaml")).isEqualTo(-1);
        assertThat(command(Map.of(), "--help")).isZero();
        assertThat(printed())
                .contains("--check-config FILE")
                .contains("hash-password")
                .contains("JIESU_HTTP_PORT");
        assertThat(command(Map.of(), "--chek-config", "x")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("unknown command or argument --chek-config");
    }

    @Test
    @DisplayName("import-history without FILE or with an unknown option is a usage error, a bad config exit 2")
    void importHistoryUsage(@TempDir Path dir) throws Exception {
        assertThat(command(Map.of(), "import-history")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("FILE is required");
        assertThat(command(Map.of(), "import-history", "--batchsize", "10", "x.jsonl"))
                .isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("unexpected argument --batchsize");
        assertThat(command(Map.of(), "import-history", "--help")).isZero();
        assertThat(printed()).contains("Usage: jiesu import-history");
        // Config is read before the file is opened, as start-up reads it: a bad variable names its key.
        assertThat(command(Map.of("JIESU_PROBLEMS_RETENTION_MONTHS", "3"), "import-history", "x.jsonl"))
                .isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("problems.retention-months");
    }

    @Test
    @DisplayName("import-history: --batch and --progress take a whole number in range, else exit 2 naming the option")
    void importHistoryNumbers() throws Exception {
        for (String[] bad : List.of(
                new String[] {"--batch", "abc"},
                new String[] {"--batch", "0"},
                new String[] {"--batch", "100001"},
                new String[] {"--progress", "-1"},
                new String[] {"--progress", "0"})) {
            err.reset();
            assertThat(command(Map.of(), "import-history", bad[0], bad[1], "x.jsonl"))
                    .as(String.join(" ", bad))
                    .isEqualTo(2);
            assertThat(err.toString(StandardCharsets.UTF_8))
                    .as(String.join(" ", bad))
                    .startsWith("jiesu: import-history: " + bad[0] + ": a whole number from 1 to ");
        }
        err.reset();
        assertThat(command(Map.of(), "import-history", "x.jsonl", "--batch")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("--batch: a whole number from 1 to 100000");
    }

    @Test
    @DisplayName("import-history of a directory, a missing or unreadable file: exit 2 with the reason, nothing read")
    void importHistoryUnreadable(@TempDir Path dir) throws Exception {
        assertThat(command(Map.of(), "import-history", dir.toString())).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8))
                .contains("cannot read " + dir + ": is a directory; nothing was read");
        err.reset();
        assertThat(command(Map.of(), "import-history", dir.resolve("none.jsonl").toString()))
                .isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("none.jsonl: no such file; nothing was read");
        Path locked = Files.writeString(dir.resolve("locked.jsonl"), "{}\n");
        Files.setPosixFilePermissions(locked, java.util.Set.of());
        // root reads any file: the permission case is only seen as an ordinary user.
        org.junit.jupiter.api.Assumptions.assumeFalse(Files.isReadable(locked), "running as root");
        err.reset();
        assertThat(command(Map.of(), "import-history", locked.toString())).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("locked.jsonl: permission denied; nothing was read");
    }

    @Test
    @DisplayName("--check-config of a good file prints ok, exit 0")
    void goodFileIsOk(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("jiesu.yaml");
        Files.writeString(file, """
                http:
                  port: 8081
                channels:
                  app:
                    clients:
                      app-ios: {api-key: k-ios-000000001, secret: ""}
                """);
        int status = command(
                Map.of("JIESU_CHANNELS_APP_CLIENTS_APP_IOS_SECRET", "from-env-secret-0001"),
                "--check-config",
                file.toString());
        assertThat(printed().strip()).isEqualTo("ok");
        assertThat(status).isZero();
    }

    @Test
    @DisplayName("--check-config prints every problem, each naming its key or variable, exit 2")
    void everyProblemNamed(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("jiesu.yaml");
        Files.writeString(file, """
                http:
                  port: eighty
                sla:
                  emergency: 2 hours
                """);
        int status = command(
                Map.of("JIESU_AGI_HOST", "0.0.0.0", "JIESU_CONSOLE_SESSION_IDLE", "0s", "JIESU_TEST_REDIS_URI", "x"),
                "--check-config",
                file.toString());
        List<String> lines = printed().lines().toList();
        assertThat(status).isEqualTo(2);
        assertThat(lines)
                .allSatisfy(l -> assertThat(l).startsWith("jiesu: configuration error: "))
                .anySatisfy(l -> assertThat(l)
                        .contains("JIESU_AGI_HOST: unknown variable")
                        .contains("JIESU_AGI_BIND_ADDRESS"))
                .anySatisfy(l -> assertThat(l).contains("http.port: not a whole number: 'eighty'"))
                .anySatisfy(l -> assertThat(l).contains("sla.emergency: not a duration"))
                .anySatisfy(l -> assertThat(l).contains("console.session-idle: must be positive"))
                .noneSatisfy(l -> assertThat(l).contains("JIESU_TEST_REDIS_URI"));
    }

    @Test
    @DisplayName("--check-config names an unknown key and a missing classification file")
    void unknownKeyAndMissingFile(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("jiesu.yaml");
        Files.writeString(file, "htp:\n  port: 80\n");
        assertThat(command(Map.of(), "--check-config", file.toString())).isEqualTo(2);
        assertThat(printed()).contains("htp: unknown key");

        out.reset();
        Files.writeString(file, "classification:\n  file: " + dir.resolve("missing.yaml") + "\n");
        assertThat(command(Map.of(), "--check-config", file.toString())).isEqualTo(2);
        assertThat(printed()).contains("classification.file: cannot read file");

        out.reset();
        assertThat(command(Map.of(), "--check-config", dir.resolve("nope.yaml").toString()))
                .isEqualTo(2);
        assertThat(printed()).contains("config: cannot read file");
    }

    @Test
    @DisplayName("--check-config names a bad key in ivr.yaml in one line, not a stack trace")
    void badIvrFile(@TempDir Path dir) throws Exception {
        Path ivr = dir.resolve("ivr.yaml");
        // The shipped flows with one key misspelt, as an operator's edit would leave them.
        Files.writeString(
                ivr,
                Files.readString(Path.of("../config/ivr.yaml"))
                        .replaceFirst("\n    timeout: 5s\n", "\n    timout: 5s\n"));
        Path file = dir.resolve("jiesu.yaml");
        Files.writeString(file, "ivr:\n  file: " + ivr + "\n");
        assertThat(command(Map.of(), "--check-config", file.toString())).isEqualTo(2);
        assertThat(printed().lines().toList())
                .singleElement()
                .satisfies(l -> assertThat(l)
                        .startsWith("jiesu: configuration error: ivr.file: " + ivr)
                        .contains("ivr.defaults.timout: unknown key"));
    }

    @Test
    @DisplayName("as a process: hash-password reads stdin and prints a verifying hash; --check-config exits 2")
    void asAProcess(@TempDir Path dir) throws Exception {
        Process hash = java("hash-password", "--iterations", "1000");
        hash.getOutputStream().write("坐席的密码\n".getBytes(StandardCharsets.UTF_8));
        hash.getOutputStream().close();
        assertThat(hash.waitFor(60, TimeUnit.SECONDS)).isTrue();
        String line = new String(hash.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertThat(hash.exitValue()).as(line).isZero();
        assertThat(PasswordHasher.verify("坐席的密码".toCharArray(), line)).isTrue();

        Path file = dir.resolve("jiesu.yaml");
        Files.writeString(file, "http:\n  port: 70000\n");
        Process check = java("--check-config", file.toString());
        check.getOutputStream().close();
        assertThat(check.waitFor(60, TimeUnit.SECONDS)).isTrue();
        String printed = new String(check.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(printed).contains("http.port: must be between");
        assertThat(check.exitValue()).isEqualTo(2);
    }

    /** {@code java -cp <this test's classpath> cn.jiesu.gateway.Main args}, with no JIESU_* variable of ours. */
    private static Process java(String... args) throws Exception {
        List<String> cmd = new java.util.ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                System.getProperty("java.class.path"),
                Main.class.getName()));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD);
        pb.environment().keySet().removeIf(k -> k.startsWith("JIESU_"));
        return pb.start();
    }
}

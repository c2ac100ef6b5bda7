package cn.jiesu.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The Redis that scripts/run.sh starts for an operator (scripts/lib/redis.sh): it asks for the password run.sh
 * generates, and its data directory and files are the user's only (they hold citizens' appeals).
 */
class LocalRedisScriptIT {

    @Test
    @DisplayName("jiesu_start_redis with a password: AUTH required, password not on the command line, data 700/600")
    void passwordAndPrivateData() throws Exception {
        Path dir = Files.createTempDirectory("jiesu-local-redis").resolve("redis");
        int port = freePort();
        String password = "f00dcafe" + Long.toHexString(System.nanoTime());
        try {
            String out = bash(
                    password,
                    ". ../scripts/lib/redis.sh && jiesu_start_redis " + port + " " + dir
                            + " && redis-cli -p " + port + " set probe 1"
                            + " && REDISCLI_AUTH=\"$JIESU_LOCAL_REDIS_PASSWORD\" redis-cli -p " + port + " set probe 1"
                            + " && REDISCLI_AUTH=\"$JIESU_LOCAL_REDIS_PASSWORD\" redis-cli -p " + port + " bgrewriteaof"
                            + " && sleep 1 && ps -o args= -C redis-server");
            assertThat(out).contains("NOAUTH").contains("OK");
            assertThat(out).doesNotContain(password);
            assertThat(Files.getPosixFilePermissions(dir))
                    .isEqualTo(Set.of(
                            PosixFilePermission.OWNER_READ,
                            PosixFilePermission.OWNER_WRITE,
                            PosixFilePermission.OWNER_EXECUTE));
            try (var files = Files.walk(dir)) {
                for (Path f : files.filter(Files::isRegularFile).toList()) {
                    assertThat(Files.getPosixFilePermissions(f))
                            .as(f.toString())
                            .doesNotContain(PosixFilePermission.GROUP_READ, PosixFilePermission.OTHERS_READ);
                }
            }
        } finally {
            bash(password, ". ../scripts/lib/redis.sh && jiesu_stop_redis " + dir);
        }
    }

    @Test
    @DisplayName("the last run.sh to end stops the shared local Redis: not while another client is connected")
    void lastOneOutStopsRedis() throws Exception {
        Path dir = Files.createTempDirectory("jiesu-local-redis").resolve("redis");
        int port = freePort();
        String password = "f00dcafe" + Long.toHexString(System.nanoTime());
        String lib = ". ../scripts/lib/redis.sh && ";
        try {
            bash(password, lib + "jiesu_start_redis " + port + " " + dir);
            long pid = Long.parseLong(Files.readString(dir.resolve("redis.pid")).strip());
            // Another gateway's connection, authenticated and named as the gateway's are; and a monitor's, which
            // does not keep Redis up.
            try (java.net.Socket other = new java.net.Socket("127.0.0.1", port);
                    java.net.Socket monitor = new java.net.Socket("127.0.0.1", port)) {
                send(monitor, "AUTH " + password, "+OK\r\n");
                send(other, "AUTH " + password, "+OK\r\n");
                send(other, "CLIENT SETNAME " + cn.jiesu.redis.RedisClients.CLIENT_NAME, "+OK\r\n");
                String kept = bash(password, lib + "jiesu_stop_redis_if_unused " + dir + " " + port + "; echo rc=$?");
                assertThat(kept)
                        .contains("leaving the local Redis on 127.0.0.1:" + port
                                + " running: another gateway or import is connected (1 connection(s))")
                        .contains("rc=1");
                assertThat(ProcessHandle.of(pid)).as("still running").isPresent();
                other.close();
                // Only the monitor is left: it does not keep Redis up.
                await().atMost(java.time.Duration.ofSeconds(10))
                        .until(() -> bash(
                                        password,
                                        lib + "jiesu_stop_redis_if_unused " + dir + " " + port + "; echo rc=$?")
                                .contains("rc=0"));
            }
            await().atMost(java.time.Duration.ofSeconds(10))
                    .until(() -> ProcessHandle.of(pid).map(h -> !h.isAlive()).orElse(true));
        } finally {
            bash(password, lib + "jiesu_stop_redis " + dir);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    /** One inline command and its exact reply. */
    private static void send(java.net.Socket s, String command, String reply) throws IOException {
        s.getOutputStream().write((command + "\r\n").getBytes(StandardCharsets.US_ASCII));
        assertThat(new String(s.getInputStream().readNBytes(reply.length()), StandardCharsets.US_ASCII))
                .isEqualTo(reply);
    }

    private static String bash(String password, String script) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(List.of("bash", "-c", script)).redirectErrorStream(true);
        pb.environment().put("JIESU_LOCAL_REDIS_PASSWORD", password);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return out;
    }
}

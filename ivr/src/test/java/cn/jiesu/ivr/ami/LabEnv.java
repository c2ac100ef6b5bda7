package cn.jiesu.ivr.ami;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/** The Asterisk lab that scripts/test.sh starts, as the ITs see it through the environment. */
record LabEnv(String host, int port, String username, String secret, int agiPort, String labScript,
              Path labDir) {

    static LabEnv fromEnvironment() {
        String dir = System.getenv("JIESU_LAB_DIR");
        return new LabEnv(require("JIESU_TEST_AMI_HOST"), Integer.parseInt(require("JIESU_TEST_AMI_PORT")),
                require("JIESU_TEST_AMI_USERNAME"), require("JIESU_TEST_AMI_SECRET"),
                Integer.parseInt(require("JIESU_TEST_AGI_PORT")), System.getenv("JIESU_LAB_SCRIPT"),
                dir != null && !dir.isBlank() ? Path.of(dir)
                        : Path.of(System.getProperty("user.home"), ".cache", "jiesu", "asterisk-lab"));
    }

    /** Runs {@code scripts/asterisk-lab.sh <command>} with this environment; fails unless it exits 0. */
    void lab(String command) throws IOException, InterruptedException {
        if (labScript == null || labScript.isBlank()) {
            throw new IllegalStateException("JIESU_LAB_SCRIPT is not set: run through scripts/test.sh");
        }
        // output through System.out, not inherited: a forked test JVM's raw stdout is Surefire's channel
        Process p = new ProcessBuilder(labScript, command).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        boolean done = p.waitFor(90, TimeUnit.SECONDS);
        System.out.print(output);
        if (!done || p.exitValue() != 0) {
            throw new IllegalStateException("asterisk-lab.sh " + command + " failed:\n" + output);
        }
    }

    /**
     * Kills the lab's Asterisk with SIGKILL, as a crash would (no Hangup events, no goodbye), and waits until the
     * process is gone, so that {@code asterisk-lab.sh start} does not find it still "running".
     */
    void crash() throws IOException, InterruptedException {
        long pid = Long.parseLong(Files.readString(labDir.resolve("asterisk.pid")).strip());
        ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
        Path proc = Path.of("/proc", Long.toString(pid));
        for (int i = 0; i < 100 && Files.exists(proc); i++) {
            Thread.sleep(50); // not a test assertion: waiting for the kernel to reap a process we do not own
        }
    }

    /** Settings that notice a dead lab quickly (tests restart it). */
    AmiConfig amiConfig() {
        return new AmiConfig(host, port, username, secret, Duration.ofSeconds(2), Duration.ofSeconds(4),
                Duration.ofSeconds(1), Duration.ofMillis(100), Duration.ofSeconds(1), 4096, Duration.ofSeconds(4),
                Duration.ofSeconds(30));
    }

    private static String require(String name) {
        String v = System.getenv(name);
        if (v == null || v.isBlank()) {
            throw new IllegalStateException(name + " is not set: run the integration tests through scripts/test.sh,"
                    + " which starts the Asterisk lab and exports it");
        }
        return v;
    }
}

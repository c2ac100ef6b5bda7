package cn.jiesu.testkit;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * The Asterisk lab that scripts/test.sh starts (scripts/asterisk-lab.sh), as the ITs see it through the
 * environment: {@code JIESU_TEST_AMI_HOST}, {@code _PORT}, {@code _USERNAME}, {@code _SECRET},
 * {@code JIESU_TEST_AGI_PORT} (required), {@code JIESU_LAB_SCRIPT} (only for {@link #lab}) and
 * {@code JIESU_LAB_DIR} (default {@code ~/.cache/jiesu/asterisk-lab}).
 *
 * @param labScript scripts/asterisk-lab.sh, or null when not exported
 * @param labDir the lab directory on this host (the lab's files are under {@code labDir/rootfs})
 */
public record LabEnv(
        String amiHost, int amiPort, String amiUser, String amiSecret, int agiPort, String labScript, Path labDir) {

    public static LabEnv fromEnvironment() {
        String dir = System.getenv("JIESU_LAB_DIR");
        return new LabEnv(
                TestEnv.require("JIESU_TEST_AMI_HOST"),
                Integer.parseInt(TestEnv.require("JIESU_TEST_AMI_PORT")),
                TestEnv.require("JIESU_TEST_AMI_USERNAME"),
                TestEnv.require("JIESU_TEST_AMI_SECRET"),
                Integer.parseInt(TestEnv.require("JIESU_TEST_AGI_PORT")),
                System.getenv("JIESU_LAB_SCRIPT"),
                dir != null && !dir.isBlank()
                        ? Path.of(dir)
                        : Path.of(System.getProperty("user.home"), ".cache", "jiesu", "asterisk-lab"));
    }

    /** A file of the lab's Asterisk, as this host sees it. */
    public Path asteriskFile(String pathInLab) {
        return labDir.resolve("rootfs").resolve(pathInLab.replaceFirst("^/", ""));
    }

    /** Runs {@code scripts/asterisk-lab.sh <command>} with this environment; fails unless it exits 0. */
    public void lab(String command) throws IOException, InterruptedException {
        if (labScript == null || labScript.isBlank()) {
            throw new IllegalStateException("JIESU_LAB_SCRIPT is not set: run through scripts/test.sh");
        }
        // output through System.out, not inherited: a forked test JVM's raw stdout is Surefire's channel
        Process p =
                new ProcessBuilder(labScript, command).redirectErrorStream(true).start();
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
    public void crash() throws IOException, InterruptedException {
        long pid =
                Long.parseLong(Files.readString(labDir.resolve("asterisk.pid")).strip());
        ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
        Path proc = Path.of("/proc", Long.toString(pid));
        for (int i = 0; i < 100 && Files.exists(proc); i++) {
            Thread.sleep(50); // not a test assertion: waiting for the kernel to reap a process we do not own
        }
    }
}

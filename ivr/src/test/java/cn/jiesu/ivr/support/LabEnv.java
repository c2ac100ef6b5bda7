package cn.jiesu.ivr.support;

import java.nio.file.Path;
import java.util.Map;

/**
 * Where the Asterisk lab is, from the environment that scripts/test.sh sets. ITs fail with a message naming
 * scripts/test.sh when it is missing: they need a real Asterisk.
 *
 * @param labDir the lab directory on this host (recordings are under {@code labDir/rootfs})
 */
public record LabEnv(String amiHost, int amiPort, String amiUser, String amiSecret, int agiPort, Path labDir) {

    public static LabEnv fromEnvironment() {
        Map<String, String> env = System.getenv();
        return new LabEnv(require(env, "JIESU_TEST_AMI_HOST"), Integer.parseInt(require(env, "JIESU_TEST_AMI_PORT")),
                require(env, "JIESU_TEST_AMI_USERNAME"), require(env, "JIESU_TEST_AMI_SECRET"),
                Integer.parseInt(require(env, "JIESU_TEST_AGI_PORT")),
                Path.of(env.getOrDefault("JIESU_LAB_DIR",
                        System.getProperty("user.home") + "/.cache/jiesu/asterisk-lab")));
    }

    private static String require(Map<String, String> env, String name) {
        String v = env.get(name);
        if (v == null || v.isBlank()) {
            throw new IllegalStateException(name + " is not set: run the integration tests through scripts/test.sh,"
                    + " which starts the Asterisk lab (scripts/asterisk-lab.sh) and sets it");
        }
        return v;
    }

    /** A file of the lab's Asterisk, as this host sees it. */
    public Path asteriskFile(String pathInLab) {
        return labDir.resolve("rootfs").resolve(pathInLab.replaceFirst("^/", ""));
    }
}

package cn.jiesu.testkit;

import java.net.URI;
import java.util.UUID;

/**
 * The services scripts/test.sh started for this run, read from the environment ({@code JIESU_TEST_*}). A missing
 * one fails the test with a message saying how to get it: integration tests need the real service.
 */
public final class TestEnv {
    /** The Redis the integration tests share (each with a key prefix of its own). */
    public static final String REDIS_URI = "JIESU_TEST_REDIS_URI";

    private TestEnv() {}

    /** The variable's value; fails when it is not set or blank. */
    public static String require(String name) {
        String v = System.getenv(name);
        if (v == null || v.isBlank()) {
            throw new IllegalStateException(name + " is not set: run the integration tests through scripts/test.sh,"
                    + " which starts Redis and the Asterisk lab and exports it"
                    + (name.equals(REDIS_URI) ? ", or export " + REDIS_URI + "=redis://127.0.0.1:PORT" : ""));
        }
        return v;
    }

    public static URI redisUri() {
        return URI.create(require(REDIS_URI));
    }

    /** A Redis key prefix no other test uses: {@code test:<name>:<8 random hex>:}. */
    public static String uniquePrefix(String testName) {
        return "test:" + testName + ":" + UUID.randomUUID().toString().substring(0, 8) + ":";
    }
}

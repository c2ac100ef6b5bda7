package cn.jiesu.gateway.support;

import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/** The services scripts/test.sh started for this run, read from the environment. */
public final class TestServices {
    /**
     * The case-API token every test gateway starts with: the shipped state refuses the case APIs until one is set, so
     * a test that reads appeals sends it ({@code Authorization: Bearer}).
     */
    public static final String API_TOKEN = "case-api-token-for-tests-0001";

    private TestServices() {
    }

    public static String redisUri() {
        return require("JIESU_TEST_REDIS_URI");
    }

    /** Environment for a gateway that also runs the phone line against the Asterisk lab of this test run. */
    public static Map<String, String> phoneGatewayEnv() {
        Map<String, String> env = gatewayEnv();
        env.put("JIESU_AGI_ENABLED", "true");
        env.put("JIESU_AGI_PORT", require("JIESU_TEST_AGI_PORT"));
        env.put("JIESU_AMI_HOST", require("JIESU_TEST_AMI_HOST"));
        env.put("JIESU_AMI_PORT", require("JIESU_TEST_AMI_PORT"));
        env.put("JIESU_AMI_USERNAME", require("JIESU_TEST_AMI_USERNAME"));
        env.put("JIESU_AMI_SECRET", require("JIESU_TEST_AMI_SECRET"));
        return env;
    }

    public static String require(String name) {
        String v = System.getenv(name);
        if (v == null || v.isBlank()) {
            throw new IllegalStateException(name + " is not set: run the integration tests through scripts/test.sh, "
                    + "which starts Redis and the Asterisk lab");
        }
        return v;
    }

    /** Environment for a gateway under test: the test Redis, a random HTTP port and a key prefix of its own. */
    public static Map<String, String> gatewayEnv() {
        Map<String, String> env = new HashMap<>();
        env.put("JIESU_REDIS_URI", redisUri());
        env.put("JIESU_HTTP_PORT", "0");
        env.put("JIESU_HTTP_HOST", "127.0.0.1");
        // No FastAGI listener unless a test asks for the phone line: the lab's AGI port belongs to one test at a time.
        env.put("JIESU_AGI_ENABLED", "false");
        env.put("JIESU_ADMIN_API_TOKEN", API_TOKEN);
        env.put("JIESU_REDIS_KEY_PREFIX", "it-" + UUID.randomUUID().toString().substring(0, 8) + ":");
        return env;
    }
}

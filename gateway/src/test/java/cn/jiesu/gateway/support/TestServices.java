package cn.jiesu.gateway.support;

import cn.jiesu.testkit.LabEnv;
import cn.jiesu.testkit.TestEnv;
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

    private TestServices() {}

    public static String redisUri() {
        return TestEnv.redisUri().toString();
    }

    /** Environment for a gateway that also runs the phone line against the Asterisk lab of this test run. */
    public static Map<String, String> phoneGatewayEnv() {
        Map<String, String> env = gatewayEnv();
        env.put("JIESU_AGI_ENABLED", "true");
        LabEnv lab = LabEnv.fromEnvironment();
        env.put("JIESU_AGI_PORT", Integer.toString(lab.agiPort()));
        env.put("JIESU_AMI_HOST", lab.amiHost());
        env.put("JIESU_AMI_PORT", Integer.toString(lab.amiPort()));
        env.put("JIESU_AMI_USERNAME", lab.amiUser());
        env.put("JIESU_AMI_SECRET", lab.amiSecret());
        return env;
    }

    /** See {@link TestEnv#require}. */
    public static String require(String name) {
        return TestEnv.require(name);
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
        // The suite runs two test classes at once on a small machine with Redis, Asterisk and Chromium: the shipped 4 s
        // request and 2 s Redis command timeouts were reached now and then (a 503 counted as a test failure in a storm
        // or a fuzz run). The tests of those timeouts set their own.
        env.put("JIESU_HTTP_REQUEST_TIMEOUT", "10s");
        env.put("JIESU_REDIS_COMMAND_TIMEOUT", "5s");
        return env;
    }
}

package cn.jiesu.callbacks;

import cn.jiesu.redis.RedisConfig;
import java.net.URI;
import java.util.UUID;

/** (A copy of the redis module's test helper.) The Redis that scripts/test.sh starts for ITs, and a fresh key prefix per test so tests can share it. */
public final class TestRedis {
    public static final String ENV = "JIESU_TEST_REDIS_URI";

    private TestRedis() {
    }

    public static URI uri() {
        String v = System.getenv(ENV);
        if (v == null || v.isBlank()) {
            throw new IllegalStateException(ENV + " is not set: run the integration tests through scripts/test.sh,"
                    + " which starts Redis, or export " + ENV + "=redis://127.0.0.1:PORT");
        }
        return URI.create(v);
    }

    /** Defaults, the test Redis, and a key prefix no other test uses. */
    public static RedisConfig config(String testName) {
        return RedisConfig.defaults(uri()).withKeyPrefix(uniquePrefix(testName));
    }

    public static String uniquePrefix(String testName) {
        return "test:" + testName + ":" + UUID.randomUUID().toString().substring(0, 8) + ":";
    }
}

package cn.jiesu.redis;

import cn.jiesu.testkit.TestEnv;

/** The Redis that scripts/test.sh starts for ITs, and a fresh key prefix per test so tests can share it. */
public final class TestRedis {
    private TestRedis() {}

    /** Defaults, the test Redis, and a key prefix no other test uses. */
    public static RedisConfig config(String testName) {
        return RedisConfig.defaults(TestEnv.redisUri()).withKeyPrefix(uniquePrefix(testName));
    }

    public static String uniquePrefix(String testName) {
        return TestEnv.uniquePrefix(testName);
    }
}

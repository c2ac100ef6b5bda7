package cn.jiesu.gateway.console;

import cn.jiesu.core.config.ConfigException;
import cn.jiesu.core.config.ConfigNode;
import cn.jiesu.core.console.PasswordHasher;
import cn.jiesu.core.console.SignInPolicy;
import java.util.Objects;

/**
 * The console's sign-in limits ({@code console.sign-in.*}).
 *
 * @param policy          password checks per (extension, client address) and per extension, across instances
 * @param checksPerSecond password checks per second on this instance (also the burst); beyond, 429 {@code busy}
 * @param workers         threads that run PBKDF2 on this instance (each check costs ~200 ms of one core)
 * @param queue           checks that may wait for a worker; beyond, 429 {@code busy}
 * @param hashIterations  PBKDF2 iterations of new hashes; a stored hash with fewer is rewritten at the next
 *                        successful sign-in
 */
public record SignInConfig(SignInPolicy policy, int checksPerSecond, int workers, int queue, int hashIterations) {
    public SignInConfig {
        Objects.requireNonNull(policy, "policy");
        if (hashIterations < PasswordHasher.MIN_ITERATIONS) {
            throw new ConfigException("console.sign-in.hash-iterations", "at least " + PasswordHasher.MIN_ITERATIONS);
        }
    }

    static SignInConfig from(ConfigNode t) {
        String p = "console.sign-in.";
        SignInPolicy policy = new SignInPolicy(
                t.integer(p + "free-attempts", 1, 1000),
                t.duration(p + "backoff-base"),
                t.duration(p + "backoff-max"),
                t.duration(p + "forget-after"),
                t.integer(p + "agent-limit", 1, 1_000_000),
                t.duration(p + "agent-window"),
                t.duration(p + "known-for"));
        return new SignInConfig(
                policy,
                t.integer(p + "checks-per-second", 1, 10_000),
                t.integer(p + "workers", 1, 64),
                t.integer(p + "queue", 0, 10_000),
                t.integer(p + "hash-iterations", PasswordHasher.MIN_ITERATIONS, 100_000_000));
    }
}

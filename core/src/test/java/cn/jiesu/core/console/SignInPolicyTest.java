package cn.jiesu.core.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class SignInPolicyTest {
    private final SignInPolicy policy = new SignInPolicy(
            5,
            Duration.ofSeconds(1),
            Duration.ofMinutes(15),
            Duration.ofMinutes(15),
            100,
            Duration.ofHours(1),
            Duration.ofDays(30));

    @Test
    @DisplayName("no wait during the free attempts, then 1 s, 2 s, 4 s ... and never more than backoff-max")
    void waits() {
        assertThat(policy.waitAfter(1)).isZero();
        assertThat(policy.waitAfter(4)).isZero();
        assertThat(policy.waitAfter(5)).isEqualTo(Duration.ofSeconds(1));
        assertThat(policy.waitAfter(6)).isEqualTo(Duration.ofSeconds(2));
        assertThat(policy.waitAfter(7)).isEqualTo(Duration.ofSeconds(4));
        assertThat(policy.waitAfter(14)).isEqualTo(Duration.ofSeconds(512));
        assertThat(policy.waitAfter(15)).isEqualTo(Duration.ofMinutes(15));
        assertThat(policy.waitAfter(Long.MAX_VALUE)).isEqualTo(Duration.ofMinutes(15));
    }

    @Test
    @DisplayName("one address stays far below the extension-wide limit: 17 checks in its first hour")
    void oneAddressPerHour() {
        long at = 0;
        int checks = 0;
        for (long n = 1; at < Duration.ofHours(1).toMillis(); n++) {
            checks++;
            at += policy.waitAfter(n).toMillis();
        }
        assertThat(checks).isEqualTo(17).isLessThan(policy.agentLimit());
    }

    @Test
    @DisplayName("inconsistent limits are refused, naming the key")
    void bounds() {
        assertThatThrownBy(() -> new SignInPolicy(
                        0,
                        Duration.ofSeconds(1),
                        Duration.ofMinutes(15),
                        Duration.ofMinutes(15),
                        100,
                        Duration.ofHours(1),
                        Duration.ofDays(30)))
                .hasMessageStartingWith("console.sign-in.free-attempts");
        assertThatThrownBy(() -> new SignInPolicy(
                        5,
                        Duration.ofSeconds(10),
                        Duration.ofSeconds(1),
                        Duration.ofMinutes(15),
                        100,
                        Duration.ofHours(1),
                        Duration.ofDays(30)))
                .hasMessageStartingWith("console.sign-in.backoff-max");
        assertThatThrownBy(() -> new SignInPolicy(
                        5,
                        Duration.ofSeconds(1),
                        Duration.ofMinutes(15),
                        Duration.ofMinutes(15),
                        4,
                        Duration.ofHours(1),
                        Duration.ofDays(30)))
                .hasMessageStartingWith("console.sign-in.agent-limit");
    }
}

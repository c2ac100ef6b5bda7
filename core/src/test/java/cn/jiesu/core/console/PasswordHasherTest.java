package cn.jiesu.core.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.SecureRandom;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class PasswordHasherTest {
    private final PasswordHasher hasher = new PasswordHasher(new SecureRandom());

    @Test
    @DisplayName("a hash verifies its own password and no other, and names its scheme and iteration count")
    void verifies() {
        String hash = hasher.hash("坐席密码 8001".toCharArray(), 2_000);

        assertThat(hash).startsWith("pbkdf2-sha256$2000$");
        assertThat(PasswordHasher.verify("坐席密码 8001".toCharArray(), hash)).isTrue();
        assertThat(PasswordHasher.verify("坐席密码 8002".toCharArray(), hash)).isFalse();
        assertThat(PasswordHasher.verify("".toCharArray(), hash)).isFalse();
    }

    @Test
    @DisplayName("the same password hashes differently each time (fresh salt)")
    void salted() {
        assertThat(hasher.hash("pw".toCharArray(), 1_000)).isNotEqualTo(hasher.hash("pw".toCharArray(), 1_000));
    }

    @Test
    @DisplayName("malformed or foreign hashes never verify and are not taken for hashes")
    void malformed() {
        for (String bad : new String[] {
            null, "", "plain", "pbkdf2-sha256$10$AAAA$AAAA", "bcrypt$10$x$y", "pbkdf2-sha256$2000$not base64!$AAAA"
        }) {
            assertThat(PasswordHasher.isHash(bad)).as(String.valueOf(bad)).isFalse();
            assertThat(PasswordHasher.verify("pw".toCharArray(), bad)).isFalse();
        }
    }

    @Test
    @DisplayName("too few iterations are refused")
    void minimumIterations() {
        assertThatThrownBy(() -> hasher.hash("pw".toCharArray(), 10)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    @DisplayName("new hashes default to OWASP's 600,000 iterations; fewer is weaker and gets upgraded")
    void strength() {
        String old = hasher.hash("pw".toCharArray(), 2_000);

        assertThat(PasswordHasher.DEFAULT_ITERATIONS).isGreaterThanOrEqualTo(600_000);
        assertThat(PasswordHasher.weakerThan(old, 3_000)).isTrue();
        assertThat(PasswordHasher.weakerThan(old, 2_000)).isFalse();
        assertThat(PasswordHasher.weakerThan("pbkdf2-sha256$210000$AAAA$AAAA", PasswordHasher.DEFAULT_ITERATIONS))
                .isTrue();
    }
}

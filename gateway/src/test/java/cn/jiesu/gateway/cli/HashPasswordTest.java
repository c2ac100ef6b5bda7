package cn.jiesu.gateway.cli;

import static org.assertj.core.api.Assertions.assertThat;

import cn.jiesu.core.console.PasswordHasher;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class HashPasswordTest {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String stdin, String... args) throws Exception {
        return HashPassword.run(
                args,
                null,
                new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)),
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @Test
    @DisplayName("the command reads the password from standard input and prints only a hash that verifies it")
    void printsAHash() throws Exception {
        assertThat(run("坐席 8001 的密码\n", "--iterations", "1000")).isZero();
        String hash = out.toString(StandardCharsets.UTF_8).strip();

        assertThat(hash).startsWith("pbkdf2-sha256$1000$").doesNotContain("8001");
        assertThat(PasswordHasher.verify("坐席 8001 的密码".toCharArray(), hash)).isTrue();
    }

    @Test
    @DisplayName("without --iterations the command hashes at the default, 600,000 iterations")
    void defaultStrength() throws Exception {
        assertThat(run("pw\n")).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8).strip()).startsWith("pbkdf2-sha256$600000$");
    }

    @Test
    @DisplayName("--help says how to give the password; a stray argument is refused without echoing it")
    void helpSaysHowToGiveThePassword() throws Exception {
        assertThat(run("", "--help")).isZero();
        // Found by a fresh operator: --help and a password argument both said only "no password given".
        assertThat(out.toString(StandardCharsets.UTF_8))
                .contains("Usage: jiesu hash-password")
                .contains("standard input")
                .contains("never taken as an argument");

        assertThat(run("", "hunter2-typed-as-argument")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8))
                .contains("unexpected argument (hidden)")
                .doesNotContain("hunter2");
    }

    @Test
    @DisplayName("an empty standard input is exit 2 with the usage, nothing on standard output")
    void noPassword() throws Exception {
        assertThat(run("")).isEqualTo(2);
        assertThat(out.toString(StandardCharsets.UTF_8)).isEmpty();
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("no password given");
    }
}

package cn.jiesu.gateway.console;

import static org.assertj.core.api.Assertions.assertThat;

import cn.jiesu.core.console.PasswordHasher;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class HashPasswordTest {

    @Test
    @DisplayName("the CLI reads the password from standard input and prints only a hash that verifies it")
    void printsAHash() throws Exception {
        InputStream in = System.in;
        PrintStream out = System.out;
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        try {
            System.setIn(new ByteArrayInputStream("坐席 8001 的密码\n".getBytes(StandardCharsets.UTF_8)));
            System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
            HashPassword.main(new String[] {"--iterations", "1000"});
        } finally {
            System.setIn(in);
            System.setOut(out);
        }
        String hash = printed.toString(StandardCharsets.UTF_8).strip();

        assertThat(hash).startsWith("pbkdf2-sha256$1000$").doesNotContain("8001");
        assertThat(PasswordHasher.verify("坐席 8001 的密码".toCharArray(), hash)).isTrue();
    }

    @Test
    @DisplayName("without --iterations the CLI hashes at the default, 600,000 iterations")
    void defaultStrength() throws Exception {
        InputStream in = System.in;
        PrintStream out = System.out;
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        try {
            System.setIn(new ByteArrayInputStream("pw\n".getBytes(StandardCharsets.UTF_8)));
            System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
            HashPassword.main(new String[0]);
        } finally {
            System.setIn(in);
            System.setOut(out);
        }
        assertThat(printed.toString(StandardCharsets.UTF_8).strip()).startsWith("pbkdf2-sha256$600000$");
    }

    @Test
    void helpSaysHowToGiveThePassword() throws Exception {
        PrintStream out = System.out;
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
            HashPassword.main(new String[] {"--help"});
        } finally {
            System.setOut(out);
        }
        // Found by a fresh operator: --help and a password argument both said only "no password given".
        assertThat(printed.toString(StandardCharsets.UTF_8))
                .contains("Usage: HashPassword")
                .contains("standard input")
                .contains("never taken as an argument");
    }
}

package cn.jiesu.gateway.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class TerminalSafeTest {
    private static String through(String message) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream err = TerminalSafe.wrap(bytes);
        err.println(message);
        err.close();
        return bytes.toString(StandardCharsets.UTF_8);
    }

    @Test
    @DisplayName("escape sequences from an imported file are shown, not obeyed; Chinese, tabs and lines pass")
    void controlsShown() {
        assertThat(through("column te\u001b]0;PWNED\u0007\u001b[31mxt: unknown"))
                .isEqualTo("column te\\x1b]0;PWNED\\x07\\x1b[31mxt: unknown\n");
        assertThat(through("a\u009b2Jb\u007fc\rd\u0000")).isEqualTo("a\\u009b2Jb\\x7fc\\x0dd\\x00\n");
        assertThat(through("line 2: 停水了\tÂ© é")).isEqualTo("line 2: 停水了\tÂ© é\n");
    }
}

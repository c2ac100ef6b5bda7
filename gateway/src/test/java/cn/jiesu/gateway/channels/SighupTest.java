package cn.jiesu.gateway.channels;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class SighupTest {
    /** The probe in a child JVM, its SIGHUP ignored from the start or not; its standard output and error. */
    private static String probe(boolean ignored) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String command = (ignored ? "trap '' HUP; " : "") + "exec \"$0\" -cp \"$1\" " + SighupProbe.class.getName();
        Process p = new ProcessBuilder(List.of("bash", "-c", command, java, System.getProperty("java.class.path")))
                .redirectErrorStream(true)
                .start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return out;
    }

    @Test
    @DisplayName("started under nohup (SIGHUP ignored) the reload handler says it cannot work, instead of silence")
    void ignoredSighupIsSaid() throws Exception {
        String ignored = probe(true);
        assertThat(ignored)
                .contains("active=false")
                .contains("SIGHUP is ignored by this process (started under nohup?)");
        String normal = probe(false);
        assertThat(normal).contains("active=true").doesNotContain("SIGHUP is ignored");
    }
}

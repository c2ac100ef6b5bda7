package cn.jiesu.ivr.dialplan;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** extensions.conf and manager.conf speak exactly the variables {@link DialplanVariables} owns. */
@DisplayName("the dialplan contract: config/asterisk matches DialplanVariables")
class DialplanContractTest {
    /** ${JIESU_X}, ${JIESU_X:-1}, Set(__JIESU_X=...), TICKET in a URL. */
    private static final Pattern READ = Pattern.compile("\\$\\{(JIESU_[A-Z_]+|TICKET)\\b");

    private static final Pattern SET = Pattern.compile("Set\\(_{0,2}(JIESU_[A-Z_]+)=");

    @Test
    @DisplayName("manager.conf's channelvars lists exactly the tracked variables, and events carry timestamps")
    void managerConf() throws IOException {
        List<String> lines = code(conf("manager.conf"));
        assertThat(lines).contains("channelvars = " + DialplanVariables.CHANNELVARS, "timestampevents = yes");
    }

    @Test
    @DisplayName("every variable extensions.conf reads or sets is one the contract owns")
    void extensionsConfUsesOnlyOwnedVariables() throws IOException {
        Set<String> used = used(conf("extensions.conf"));
        assertThat(DialplanVariables.ALL).containsAll(used);
        // The ones the dialplan exists to read: routing after the IVR, callbacks, click-to-call.
        assertThat(used)
                .contains(
                        DialplanVariables.ROUTE,
                        DialplanVariables.QUEUE,
                        DialplanVariables.QUEUE_TIMEOUT,
                        DialplanVariables.DNIS,
                        DialplanVariables.TICKET,
                        DialplanVariables.CALLBACK_ID,
                        DialplanVariables.RING,
                        DialplanVariables.AGENT_WAIT,
                        DialplanVariables.AGENT);
    }

    @Test
    @DisplayName("the IVR's routing values are the ones the dialplan compares with")
    void routeValues() throws IOException {
        String dialplan = String.join("\n", code(conf("extensions.conf")));
        assertThat(dialplan)
                .contains("\"${" + DialplanVariables.ROUTE + "}\" = \"" + DialplanVariables.ROUTE_QUEUE + "\"");
    }

    private static Set<String> used(Path conf) throws IOException {
        Set<String> names = new TreeSet<>();
        for (String line : code(conf)) {
            for (Pattern p : List.of(READ, SET)) {
                Matcher m = p.matcher(line);
                while (m.find()) {
                    names.add(m.group(1));
                }
            }
        }
        return names;
    }

    private static List<String> code(Path conf) throws IOException {
        return Files.readAllLines(conf).stream()
                .map(String::strip)
                .filter(l -> !l.startsWith(";"))
                .toList();
    }

    private static Path conf(String name) {
        Path p = Path.of("..", "config", "asterisk", name); // Maven runs tests in the module directory
        return Files.exists(p) ? p : Path.of("config", "asterisk", name);
    }
}

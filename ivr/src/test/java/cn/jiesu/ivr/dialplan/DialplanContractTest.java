package cn.jiesu.ivr.dialplan;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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

    @Test
    @DisplayName("FastAGI only through [jiesu-agi], which tries every gateway; no gateway means the general queue")
    void agiFailover() throws IOException {
        Map<String, List<String>> contexts = contexts(code(conf("extensions.conf")));
        contexts.forEach((name, lines) -> {
            if (!name.equals("jiesu-agi")) {
                assertThat(lines).as("[%s] calls AGI() itself", name).noneMatch(l -> l.contains("AGI("));
            }
        });
        assertThat(String.join("\n", contexts.get("public")))
                .contains("Gosub(jiesu-agi,s,1(ivr))", "Gosub(jiesu-agi,s,1(callback?", "Gosub(jiesu-agi,s,1(survey?");
        assertThat(String.join("\n", contexts.get("jiesu-agi")))
                .contains("${CUT(hosts,\\,,${i})}", "AGI(agi://${host}/${ARG1})", "\"${AGISTATUS}\" != \"FAILURE\"");
        List<String> route = contexts.get("jiesu-route");
        int noGateway = indexOf(route, "\"${AGISTATUS}\" = \"FAILURE\"");
        int firstHangup = indexOf(route, "Hangup()");
        assertThat(noGateway).as("the FAILURE check comes before any Hangup").isBetween(0, firstHangup);
        assertThat(route.subList(firstHangup, route.size())).anyMatch(l -> l.contains("Queue(hotline-general)"));
    }

    private static int indexOf(List<String> lines, String text) {
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).contains(text)) {
                return i;
            }
        }
        return -1;
    }

    /** The code lines of each [context], in order (a context given twice gets both parts). */
    private static Map<String, List<String>> contexts(List<String> lines) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        List<String> current = new ArrayList<>();
        for (String line : lines) {
            if (line.startsWith("[")) {
                current = out.computeIfAbsent(line.substring(1, line.indexOf(']')), k -> new ArrayList<>());
            } else if (!line.isEmpty()) {
                current.add(line);
            }
        }
        return out;
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

package cn.jiesu.ivr.asterisk;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The Asterisk configs operators deploy (config/asterisk) hold no simulated people: an operator must not have to edit
 * the lab out. The lab's contexts, endpoints and queue members live in config/asterisk-lab, which the lab script
 * installs over them and which production configs reach only through optional {@code #tryinclude}s.
 */
@DisplayName("config/asterisk is production only; the lab's simulated people are in config/asterisk-lab")
class ProductionConfigsTest {
    private static final Pattern SIMULATED = Pattern.compile("(?i)[a-z-]*-sim\\b|citizen-loop|\\bsipp\\b");
    private static final Pattern SECTION = Pattern.compile("^\\[([^]]+)]");

    @Test
    @DisplayName("no production config names or dials a simulated caller, callee, agent or SIP test caller")
    void noSimulatedPeople() throws IOException {
        List<String> found = new ArrayList<>();
        for (Path conf : confs("asterisk")) {
            List<String> lines = Files.readAllLines(conf);
            for (int i = 0; i < lines.size(); i++) {
                String code = code(lines.get(i));
                Matcher m = SIMULATED.matcher(code);
                if (m.find()) {
                    found.add(conf.getFileName() + ":" + (i + 1) + ": " + code);
                }
            }
        }
        assertThat(found).isEmpty();
    }

    @Test
    @DisplayName("the lab adds its people through files production includes only if present")
    void labFilesAreOptionalIncludes() throws IOException {
        List<String> labFiles = confs("asterisk-lab").stream()
                .map(p -> p.getFileName().toString())
                .toList();
        assertThat(labFiles).contains("extensions-site.conf", "pjsip-site.conf", "queues-members.conf");
        String extensions = Files.readString(dir("asterisk").resolve("extensions.conf"));
        String pjsip = Files.readString(dir("asterisk").resolve("pjsip.conf"));
        assertThat(extensions).contains("#tryinclude extensions-site.conf");
        assertThat(pjsip).contains("#tryinclude pjsip-site.conf");
        assertThat(Files.exists(dir("asterisk").resolve("extensions-site.conf")))
                .isFalse();
        assertThat(Files.exists(dir("asterisk").resolve("pjsip-site.conf"))).isFalse();
        // The lab replaces the members file wholesale, so it must define the same template.
        assertThat(sections(dir("asterisk-lab").resolve("queues-members.conf")))
                .isEqualTo(sections(dir("asterisk").resolve("queues-members.conf")));
        assertThat(Files.readString(dir("asterisk").resolve("queues-members.conf")))
                .contains("member => PJSIP/8001");
    }

    @Test
    @DisplayName("every simulated context the lab dials is defined in the lab's dialplan")
    void labContextsDefined() throws IOException {
        List<String> defined = sections(dir("asterisk-lab").resolve("extensions-site.conf"));
        assertThat(defined).contains("caller-sim", "callee-sim", "agent-sim", "console-dial-sim");
        for (Path conf : confs("asterisk-lab")) {
            Matcher m = Pattern.compile("@([a-z-]+-sim)\\b").matcher(Files.readString(conf));
            while (m.find()) {
                assertThat(defined)
                        .as(conf.getFileName() + " dials @" + m.group(1))
                        .contains(m.group(1));
            }
        }
    }

    @Test
    @DisplayName("every file the configs #include is written by both the lab script and the container's entrypoint")
    void generatedIncludesExistInLabAndContainer() throws IOException {
        Pattern include = Pattern.compile("^#include\\s+(\\S+)");
        List<String> required = new ArrayList<>();
        for (Path conf : confs("asterisk")) {
            for (String line : Files.readAllLines(conf)) {
                Matcher m = include.matcher(line.strip());
                // Committed files (queues-members.conf) need no generating.
                if (m.find() && !Files.exists(dir("asterisk").resolve(m.group(1)))) {
                    required.add(m.group(1));
                }
            }
        }
        assertThat(required)
                .contains("jiesu-globals.conf", "manager-jiesu.conf", "pjsip-transport.conf", "pjsip-agents.conf");
        String lab = Files.readString(repo().resolve("scripts/asterisk-lab.sh"));
        String container = Files.readString(repo().resolve("docker/asterisk/entrypoint.sh"));
        for (String name : required) {
            assertThat(lab).as("scripts/asterisk-lab.sh writes " + name).contains("/" + name + "\"");
            assertThat(container)
                    .as("docker/asterisk/entrypoint.sh writes " + name)
                    .contains("/" + name + "\"");
        }
        // The container's optional includes: the RTP range it publishes and the trunk.
        assertThat(container).contains("/rtp-ports.conf\"", "/pjsip-trunk.conf\"");
    }

    private static Path repo() {
        return Files.isDirectory(Path.of("..", "config")) ? Path.of("..") : Path.of(".");
    }

    private static String code(String line) {
        int semi = line.indexOf(';');
        return (semi < 0 ? line : line.substring(0, semi)).strip();
    }

    private static List<String> sections(Path conf) throws IOException {
        return Files.readAllLines(conf).stream()
                .map(SECTION::matcher)
                .filter(Matcher::find)
                .map(m -> m.group(1))
                .distinct()
                .toList();
    }

    private static List<Path> confs(String name) throws IOException {
        try (Stream<Path> s = Files.list(dir(name))) {
            return s.filter(p -> p.toString().endsWith(".conf")).sorted().toList();
        }
    }

    private static Path dir(String name) {
        Path p = Path.of("..", "config", name); // Maven runs tests in the module directory
        return Files.isDirectory(p) ? p : Path.of("config", name);
    }
}

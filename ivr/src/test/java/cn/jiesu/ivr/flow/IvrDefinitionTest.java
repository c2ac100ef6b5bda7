package cn.jiesu.ivr.flow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.jiesu.core.config.ConfigException;
import cn.jiesu.core.intake.Urgency;
import java.time.Duration;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Loading ivr.yaml: the shipped file is valid, and every kind of mistake is reported by its dotted key. */
class IvrDefinitionTest {

    /** A minimal valid definition with {@code %s} spliced into the main menu node. */
    private static final String TEMPLATE = """
            ivr:
              flows:
                ivr: { start: main }
              nodes:
                main:
                  action: menu
                  prompts: [main-menu]
                  options:
                    "1": { urgency: EMERGENCY, next: bye }
            %s
                  on-failure: { next: bye }
                bye:
                  action: hangup
                  prompts: [goodbye]
            """;

    /** The template plus further nodes (written at column 0). */
    private static String withNodes(String nodes) {
        return TEMPLATE.formatted("") + nodes.indent(4);
    }

    private static IvrDefinition parse(String yaml) {
        return IvrDefinition.parse(yaml, "test.yaml");
    }

    @Test
    @DisplayName("The shipped config/ivr.yaml loads with the flows the dialplan calls")
    void shippedFileLoads() {
        IvrDefinition ivr = DefaultIvr.load();

        assertThat(ivr.flows()).containsKeys("ivr", "callback", "survey");
        assertThat(ivr.promptPrefix()).isEqualTo("jiesu/");
        Node.Menu main = (Node.Menu) ivr.node("main");
        assertThat(main.options().get("1").effects().urgency()).isEqualTo(Urgency.EMERGENCY);
        assertThat(main.options().get("2").effects().urgency()).isEqualTo(Urgency.IMMEDIATE);
        assertThat(main.timeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(main.retries()).isEqualTo(2);
        assertThat(((Node.Menu) ivr.node("offer")).guard().threshold()).isEqualTo(Duration.ofSeconds(120));
    }

    @Test
    @DisplayName("Menu options' labels name the tracker's PATH:KEY choices; unlabelled options have none")
    void choiceLabels() {
        assertThat(DefaultIvr.load().choiceLabels())
                .containsEntry("lang:1", "普通话")
                .containsEntry("menu:1", "紧急求助")
                .containsEntry("menu:3", "投诉")
                .containsEntry("offer:2", "留言")
                .containsEntry("callback:1", "确认号码");
        assertThat(parse(TEMPLATE.formatted("")).choiceLabels()).isEmpty();
    }

    @Test
    @DisplayName("A minimal definition parses, with defaults for timeout, retries and the invalid prompt")
    void minimalDefinition() {
        IvrDefinition ivr = parse(TEMPLATE.formatted(""));

        Node.Menu main = (Node.Menu) ivr.node("main");
        assertThat(main.timeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(main.invalidPrompt()).isEqualTo(Prompt.parse("invalid"));
        assertThat(main.options()).containsOnlyKeys("1");
    }

    @Test
    @DisplayName("A key given twice is an error, not the last one winning")
    void duplicateKey() {
        String yaml = TEMPLATE.formatted("")
                .replace(
                        "\"1\": { urgency: EMERGENCY, next: bye }",
                        "\"1\": { urgency: EMERGENCY, next: bye }\n        \"1\": { next: bye }");
        assertThatThrownBy(() -> parse(yaml)).hasMessageContaining("duplicate key");
    }

    @Test
    @DisplayName("An option leading to an unknown node names the option's key")
    void unknownNextNode() {
        String yaml = TEMPLATE.formatted("")
                .replace(
                        "\"1\": { urgency: EMERGENCY, next: bye }",
                        "\"1\": { urgency: EMERGENCY, next: bye }\n        \"7\": { next: foo }");
        assertThatThrownBy(() -> parse(yaml))
                .isInstanceOf(IvrConfigException.class)
                .hasMessageContaining("ivr.nodes.main.options.7.next: unknown node 'foo'");
    }

    @Test
    @DisplayName("An unknown action is named with the actions that exist")
    void unknownAction() {
        String yaml = TEMPLATE.formatted("").replace("action: hangup", "action: foo");

        assertThatThrownBy(() -> parse(yaml))
                .isInstanceOf(IvrConfigException.class)
                .hasMessageContaining("ivr.nodes.bye.action: unknown action 'foo' (known: callback-offer, hangup,");
    }

    @Test
    @DisplayName("Typos in keys, enums and durations are all reported at once")
    void everyProblemAtOnce() {
        String yaml = TEMPLATE.formatted("""
                      timeout: 5 seconds
                      retires: 3
                """.stripTrailing()).replace("urgency: EMERGENCY", "urgency: URGENT");

        assertThatThrownBy(() -> parse(yaml))
                .isInstanceOfSatisfying(
                        IvrConfigException.class,
                        e -> assertThat(e.problems())
                                .containsExactlyInAnyOrder(
                                        "ivr.nodes.main.retires: unknown key (known: action, invalid-prompt, on-failure, options, "
                                                + "path, prompts, retries, timeout)",
                                        "ivr.nodes.main.options.1.urgency: unknown Urgency 'URGENT' (known: EMERGENCY, IMMEDIATE, "
                                                + "NORMAL, COMPLEX)",
                                        "ivr.nodes.main.timeout: not a duration (use 500ms, 2s, 10m, 24h or 7d): '5 seconds'"));
    }

    @Test
    @DisplayName("Durations use the grammar of jiesu.yaml: 1h works, zero and bare numbers name the key")
    void durationGrammarOfJiesuYaml() {
        IvrDefinition ivr = parse(withNodes("""
                offer:
                  action: callback-offer
                  queue: general
                  threshold: 1h
                  prompts: [offer]
                  timeout: 1m
                  options:
                    "1": { next: bye }
                  on-failure: { next: bye }
                  otherwise: bye
                """));
        Node.Menu offer = (Node.Menu) ivr.node("offer");
        assertThat(offer.guard().threshold()).isEqualTo(Duration.ofHours(1));
        assertThat(offer.timeout()).isEqualTo(Duration.ofMinutes(1));
        assertThat(parse(TEMPLATE.formatted("      timeout: 1500ms")).node("main"))
                .isInstanceOfSatisfying(
                        Node.Menu.class, m -> assertThat(m.timeout()).isEqualTo(Duration.ofMillis(1500)));

        assertThatThrownBy(() -> parse(TEMPLATE.formatted("      timeout: 0s")))
                .isInstanceOfSatisfying(IvrConfigException.class, e -> {
                    assertThat(e.problems()).containsExactly("ivr.nodes.main.timeout: must be positive, was 0s");
                    assertThat(e.errors()).extracting(ConfigException::key).containsExactly("ivr.nodes.main.timeout");
                });
        assertThatThrownBy(() -> parse(TEMPLATE.formatted("      timeout: 5")))
                .hasMessageContaining("ivr.nodes.main.timeout: not a duration (use 500ms, 2s, 10m, 24h or 7d): '5'");
    }

    @Test
    @DisplayName("Menus need single-key options and an on-failure")
    void menuShape() {
        String yaml =
                TEMPLATE.formatted("").replace("\"1\":", "\"12\":").replace("      on-failure: { next: bye }\n", "");

        assertThatThrownBy(() -> parse(yaml))
                .isInstanceOf(IvrConfigException.class)
                .hasMessageContaining("ivr.nodes.main.options.12: options are single keys: 0-9, * or #")
                .hasMessageContaining("ivr.nodes.main.on-failure: required");
    }

    @Test
    @DisplayName("A flow must start at a known node, and the YAML root must be the ivr mapping")
    void flowsAndRoot() {
        assertThatThrownBy(() -> parse(TEMPLATE.formatted("").replace("start: main", "start: mian")))
                .hasMessageContaining("ivr.flows.ivr.start: unknown node 'mian'");
        assertThatThrownBy(() -> parse("- just a list")).hasMessageContaining("(root): expected a mapping");
        assertThatThrownBy(() -> parse("ivrs: {}")).hasMessageContaining("ivr: required");
        assertThatThrownBy(() -> parse("ivr: [")).hasMessageContaining("(yaml):");
    }

    @Test
    @DisplayName("Slots referenced in prompts and set values must be filled by some read-digits node")
    void unknownSlot() {
        String yaml = TEMPLATE.formatted("")
                .replace(
                        "prompts: [goodbye]",
                        "prompts: [$number]\n      set: "
                                + "{ JIESU_CALLBACK_NUMBER: \"${callback-number}\", JIESU_TICKET: \"${param.ticket}\" }");

        assertThatThrownBy(() -> parse(yaml))
                .isInstanceOfSatisfying(
                        IvrConfigException.class,
                        e -> assertThat(e.problems())
                                .hasSize(2)
                                .anySatisfy(
                                        p -> assertThat(p).startsWith("ivr.nodes.bye.prompts: unknown slot 'number'"))
                                .anySatisfy(p -> assertThat(p)
                                        .startsWith("ivr.nodes.bye.set.JIESU_CALLBACK_NUMBER: unknown slot")));
    }

    @Test
    @DisplayName("read-digits ends input on # only, needs max-digits, and min must not exceed max")
    void readDigitsRules() {
        String yaml = withNodes("""
                read:
                  action: read-digits
                  prompt: enter-appeal-no
                  into: appeal-no
                  terminator: "*"
                  min-digits: 5
                  next: bye
                  on-failure: { next: bye }
                """);

        assertThatThrownBy(() -> parse(yaml))
                .isInstanceOfSatisfying(
                        IvrConfigException.class,
                        e -> assertThat(e.problems())
                                .contains(
                                        "ivr.nodes.read.terminator: only '#' is supported (GET DATA ends input on #), was '*'",
                                        "ivr.nodes.read.max-digits: required",
                                        "ivr.nodes.read.min-digits: larger than max-digits (1)"));
    }

    @Test
    @DisplayName("status-lookup needs a prompt for every appeal status")
    void statusPromptsComplete() {
        String yaml = withNodes("""
                read:
                  action: read-digits
                  prompt: enter-appeal-no
                  into: appeal-no
                  max-digits: 20
                  next: status
                  on-failure: { next: bye }
                status:
                  action: status-lookup
                  appeal-no: appeal-no
                  status-prompts: { RECEIVED: status-received, DONE: status-resolved }
                  next: bye
                  on-failure: { next: bye }
                """);

        assertThatThrownBy(() -> parse(yaml))
                .isInstanceOfSatisfying(
                        IvrConfigException.class,
                        e -> assertThat(e.problems())
                                .contains(
                                        "ivr.nodes.status.status-prompts.DONE: unknown AppealStatus 'DONE' (known: RECEIVED, "
                                                + "IN_PROGRESS, RESOLVED, CLOSED)",
                                        "ivr.nodes.status.status-prompts.IN_PROGRESS: required (a prompt for every appeal status)"));
    }

    @Test
    @DisplayName("Queue names, record directories and languages are checked")
    void valuesChecked() {
        String yaml = withNodes("""
                q:
                  action: queue
                  queue: Hotline General
                rec:
                  action: record
                  dir: messages
                  language: chinese
                  next: bye
                """);

        assertThatThrownBy(() -> parse(yaml))
                .isInstanceOfSatisfying(
                        IvrConfigException.class,
                        e -> assertThat(e.problems())
                                .contains(
                                        "ivr.nodes.q.queue: queue names are lowercase letters, digits and '-', was 'Hotline General'",
                                        "ivr.nodes.rec.dir: an absolute path on the Asterisk host without spaces, was 'messages'",
                                        "ivr.nodes.rec.language: not a language code (zh, en), was 'chinese'"));
    }
}

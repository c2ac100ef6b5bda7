package cn.jiesu.core.classify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.jiesu.core.classify.Classification.Basis;
import cn.jiesu.core.intake.RequestType;
import cn.jiesu.core.intake.Urgency;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class KeywordClassifierTest {
    private static final TextNormalizer N = TextNormalizer.standard();

    private static KeywordClassifier classifier(boolean emergencyOverrides) {
        return new KeywordClassifier(
                new ClassificationRules(
                        List.of(
                                KeywordRule.phrases("gas", List.of("燃气泄漏", "煤气味"), null, Urgency.EMERGENCY, "gas", 100),
                                KeywordRule.phrases("fire", List.of("着火"), null, Urgency.EMERGENCY, "fire", 100),
                                new KeywordRule(
                                        "ignite",
                                        List.of("打不着火"),
                                        List.of(),
                                        0,
                                        null,
                                        Urgency.IMMEDIATE,
                                        "gas",
                                        80,
                                        true),
                                KeywordRule.phrases("water", List.of("停水"), null, Urgency.IMMEDIATE, "water", 80),
                                KeywordRule.phrases("planned", List.of("停水通知"), null, Urgency.NORMAL, null, 85),
                                KeywordRule.phrases("complex", List.of("多次反映"), null, Urgency.COMPLEX, null, 60),
                                KeywordRule.phrases("complaint", List.of("投诉"), RequestType.COMPLAINT, null, null, 70),
                                KeywordRule.phrases("consult", List.of("咨询"), RequestType.CONSULT, null, null, 70),
                                KeywordRule.phrases("consult-weak", List.of("请问"), RequestType.CONSULT, null, null, 50),
                                new KeywordRule(
                                        "gas-near",
                                        List.of(),
                                        List.of(List.of("燃气", "煤气"), List.of("味", "漏")),
                                        8,
                                        null,
                                        Urgency.EMERGENCY,
                                        "gas",
                                        100,
                                        false)),
                        RequestType.HELP,
                        Urgency.NORMAL,
                        emergencyOverrides),
                N);
    }

    private final KeywordClassifier c = classifier(true);

    @Test
    @DisplayName("nothing matched: the defaults, marked DEFAULT")
    void defaults() {
        Classification r = c.classify("小区路灯不亮");
        assertThat(r.requestType()).isEqualTo(RequestType.HELP);
        assertThat(r.urgency()).isEqualTo(Urgency.NORMAL);
        assertThat(r.requestTypeBasis()).isEqualTo(Basis.DEFAULT);
        assertThat(r.urgencyBasis()).isEqualTo(Basis.DEFAULT);
        assertThat(c.classify(null).matchedRuleIds()).isEmpty();
    }

    @Test
    @DisplayName("an emergency phrase sets EMERGENCY, through traditional characters and spaces")
    void emergency() {
        assertThat(c.classify("樓道裡有 煤 氣 味").urgency()).isEqualTo(Urgency.EMERGENCY);
        assertThat(c.classify("燃氣洩漏！").matchedRuleIds()).containsExactly("gas", "gas-near");
    }

    @Test
    @DisplayName("a higher-priority rule wins: the planned-outage notice makes 停水 NORMAL, an emergency beats both")
    void priorities() {
        assertThat(c.classify("停水了").urgency()).isEqualTo(Urgency.IMMEDIATE);
        assertThat(c.classify("请问停水通知在哪里看").urgency()).isEqualTo(Urgency.NORMAL);
        assertThat(c.classify("停水通知贴出来了，可是楼里有煤气味").urgency()).isEqualTo(Urgency.EMERGENCY);
        assertThat(c.classify("多次反映停水").urgency()).isEqualTo(Urgency.IMMEDIATE);
    }

    @Test
    @DisplayName("request type: higher priority wins, ties go to the phrase that occurs first")
    void requestTypeTies() {
        assertThat(c.classify("我想咨询一下怎么投诉").requestType()).isEqualTo(RequestType.CONSULT);
        assertThat(c.classify("我要投诉，顺便咨询").requestType()).isEqualTo(RequestType.COMPLAINT);
        assertThat(c.classify("请问怎么投诉").requestType()).isEqualTo(RequestType.COMPLAINT);
    }

    @Test
    @DisplayName("a mask hides the shorter match inside it: 打不着火 is not 着火")
    void masks() {
        Classification r = c.classify("燃气灶打不着火");
        assertThat(r.urgency()).isEqualTo(Urgency.IMMEDIATE);
        assertThat(r.matchedRuleIds()).containsExactly("ignite");
        assertThat(c.classify("厨房着火了").urgency()).isEqualTo(Urgency.EMERGENCY);
    }

    @Test
    @DisplayName("a proximity rule fires when a term of each group is within the window, in either order")
    void proximity() {
        assertThat(c.classify("像是燃气的味道").matchedRuleIds()).containsExactly("gas-near");
        assertThat(c.classify("煤气罐在漏").urgency()).isEqualTo(Urgency.EMERGENCY);
        assertThat(c.classify("有点漏，好像是煤气").urgency()).isEqualTo(Urgency.EMERGENCY);
        assertThat(c.classify("燃气公司的人上门查表，说明天再来，门口有股垃圾味").urgency()).isEqualTo(Urgency.NORMAL);
    }

    @Test
    @DisplayName("an explicit choice wins over keywords, except that a matched emergency still raises urgency")
    void explicitChoice() {
        Classification r = c.classify("我要投诉，停水了", new ExplicitChoice(RequestType.SUGGESTION, Urgency.NORMAL));
        assertThat(r.requestType()).isEqualTo(RequestType.SUGGESTION);
        assertThat(r.requestTypeBasis()).isEqualTo(Basis.EXPLICIT);
        assertThat(r.urgency()).isEqualTo(Urgency.NORMAL);
        assertThat(r.urgencyBasis()).isEqualTo(Basis.EXPLICIT);

        Classification gas = c.classify("燃气泄漏", new ExplicitChoice(null, Urgency.NORMAL));
        assertThat(gas.urgency()).isEqualTo(Urgency.EMERGENCY);
        assertThat(gas.urgencyBasis()).isEqualTo(Basis.KEYWORD);
        assertThat(classifier(false)
                        .classify("燃气泄漏", new ExplicitChoice(null, Urgency.NORMAL))
                        .urgency())
                .isEqualTo(Urgency.NORMAL);
    }

    @Test
    @DisplayName("topics of the matched rules are reported")
    void topics() {
        assertThat(c.classify("停水了，还有煤气味").topics()).containsExactlyInAnyOrder("water", "gas");
    }

    @Test
    @DisplayName("rules that cannot work are refused when the classifier is built")
    void invalidRules() {
        assertThatThrownBy(() -> new KeywordClassifier(
                        new ClassificationRules(
                                List.of(KeywordRule.phrases("blank", List.of("！！"), null, Urgency.EMERGENCY, null, 1)),
                                RequestType.HELP,
                                Urgency.NORMAL,
                                true),
                        N))
                .hasMessageContaining("blank");
        assertThatThrownBy(() -> KeywordRule.phrases("none", List.of("x"), null, null, null, 1))
                .hasMessageContaining("sets neither");
        assertThatThrownBy(() -> new KeywordRule(
                        "near1", List.of(), List.of(List.of("a")), 5, null, Urgency.NORMAL, null, 1, false))
                .hasMessageContaining("two non-empty groups");
        assertThatThrownBy(() -> new ClassificationRules(
                        List.of(
                                KeywordRule.phrases("a", List.of("x"), RequestType.HELP, null, null, 1),
                                KeywordRule.phrases("a", List.of("y"), RequestType.HELP, null, null, 1)),
                        RequestType.HELP,
                        Urgency.NORMAL,
                        true))
                .hasMessageContaining("duplicate");
    }

    @Test
    @DisplayName("long adversarial text is classified in bounded time")
    void longText() {
        String text = "燃气".repeat(2000) + "味";
        assertThat(c.classify(text).urgency()).isEqualTo(Urgency.EMERGENCY);
    }
}

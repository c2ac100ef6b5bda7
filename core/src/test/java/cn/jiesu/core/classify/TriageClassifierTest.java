package cn.jiesu.core.classify;

import static org.assertj.core.api.Assertions.assertThat;

import cn.jiesu.core.classify.Classification.Basis;
import cn.jiesu.core.intake.RequestType;
import cn.jiesu.core.intake.Urgency;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The policy of TriagePolicy's table, on a small model trained here; thresholds pushed to force each row. */
class TriageClassifierTest {
    private static final TextNormalizer NORMALIZER = TextNormalizer.standard();
    private static final KeywordClassifier RULES = new KeywordClassifier(
            new ClassificationRules(
                    List.of(
                            KeywordRule.phrases("gas-leak", List.of("煤气味"), null, Urgency.EMERGENCY, "gas", 100),
                            KeywordRule.phrases("complaint", List.of("投诉"), RequestType.COMPLAINT, null, null, 50)),
                    RequestType.HELP,
                    Urgency.NORMAL,
                    true),
            NORMALIZER);
    private static final TriageModel MODEL = TriageModel.train(
            corpus(), RULES, new TriageCues(Map.of("negation", List.of("没有", "不是")), NORMALIZER), NORMALIZER);

    private static List<TriageExample> corpus() {
        List<TriageExample> rows = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            rows.add(new TriageExample("楼道里一股煤气味越来越浓" + i + "号楼", RequestType.HELP, Urgency.EMERGENCY));
            rows.add(new TriageExample("检查过了没有煤气味请问报警器为什么响" + i, RequestType.CONSULT, Urgency.NORMAL));
            rows.add(new TriageExample("家里停水了" + i + "天了快来修", RequestType.HELP, Urgency.IMMEDIATE));
            rows.add(new TriageExample("投诉物业" + i + "年不修路灯", RequestType.COMPLAINT, Urgency.NORMAL));
        }
        return rows;
    }

    private static TriageClassifier with(TriagePolicy policy) {
        return new TriageClassifier(RULES, MODEL, policy, NORMALIZER);
    }

    @Test
    @DisplayName("an emergency the model and the rules agree on is EMERGENCY without review")
    void agreedEmergency() {
        Classification c = with(TriagePolicy.DEFAULT).classify("楼道里一股煤气味越来越浓");
        assertThat(c.urgency()).isEqualTo(Urgency.EMERGENCY);
        assertThat(c.review()).isFalse();
        assertThat(c.confidence()).isGreaterThan(0.5);
    }

    @Test
    @DisplayName("an emergency rule the model is sure misfired leaves the model's tier, and asks an agent")
    void ruleTheModelDoubts() {
        TriagePolicy strict = new TriagePolicy(1.0, 1.0, 1.0, 0.0, 0.1, true);
        Classification c = with(strict).classify("检查过了没有煤气味请问报警器为什么响");
        assertThat(c.urgency()).isEqualTo(Urgency.NORMAL);
        assertThat(c.review()).isTrue();
        assertThat(c.reviewReason()).startsWith("an emergency rule matched, the model is sure it is not one");
        assertThat(c.matchedRuleIds()).contains("gas-leak");
    }

    @Test
    @DisplayName("a possible emergency is raised and reviewed; a low floor makes any emergency rule raise the tier")
    void raisedForSafety() {
        TriagePolicy generous = new TriagePolicy(1.0, 0.0, 1.0, 0.0, 0.1, true);
        Classification c = with(generous).classify("检查过了没有煤气味请问报警器为什么响");
        assertThat(c.urgency()).isEqualTo(Urgency.EMERGENCY);
        assertThat(c.urgencyBasis()).isEqualTo(Basis.KEYWORD);
        assertThat(c.review()).isTrue();
        assertThat(c.confidence()).isLessThan(0.5);
    }

    @Test
    @DisplayName("the citizen's tier stands unless the text may be an emergency; their type always stands")
    void explicitChoice() {
        TriageClassifier t = with(TriagePolicy.DEFAULT);
        Classification chosen = t.classify("家里停水了三天了快来修", new ExplicitChoice(RequestType.COMPLAINT, Urgency.COMPLEX));
        assertThat(chosen.urgency()).isEqualTo(Urgency.COMPLEX);
        assertThat(chosen.urgencyBasis()).isEqualTo(Basis.EXPLICIT);
        assertThat(chosen.requestType()).isEqualTo(RequestType.COMPLAINT);
        assertThat(chosen.confidence()).isEqualTo(1.0);

        Classification gas = t.classify("楼道里一股煤气味越来越浓", new ExplicitChoice(RequestType.CONSULT, Urgency.NORMAL));
        assertThat(gas.urgency()).isEqualTo(Urgency.EMERGENCY);
        assertThat(gas.requestType()).isEqualTo(RequestType.CONSULT);
    }

    @Test
    @DisplayName("an unsure model asks for review; a rule-named speech act sets the type")
    void unsureAndSpeechAct() {
        Classification unsure =
                with(new TriagePolicy(1.0, 1.0, 1.0, 1.0, 0.1, true)).classify("家里停水了两天了快来修");
        assertThat(unsure.urgency()).isEqualTo(Urgency.IMMEDIATE);
        assertThat(unsure.review()).isTrue();
        assertThat(unsure.reviewReason()).startsWith("unsure of the tier: IMMEDIATE");

        Classification complaint =
                with(new TriagePolicy(0.15, 0.08, 0.6, 0.45, 0.0, true)).classify("我要投诉 家里停水了");
        assertThat(complaint.requestType()).isEqualTo(RequestType.COMPLAINT);
        assertThat(complaint.requestTypeBasis()).isEqualTo(Basis.KEYWORD);
        Classification modelType =
                with(new TriagePolicy(0.15, 0.08, 0.6, 0.45, 1.0, true)).classify("我要投诉 家里停水了");
        assertThat(modelType.requestTypeBasis()).isEqualTo(Basis.MODEL);
    }

    @Test
    @DisplayName("no text: the citizen's choice or the defaults, certain, no review")
    void noText() {
        Classification c = with(TriagePolicy.DEFAULT).classify("  ！！ ");
        assertThat(c.urgency()).isEqualTo(Urgency.NORMAL);
        assertThat(c.requestType()).isEqualTo(RequestType.HELP);
        assertThat(c.review()).isFalse();
        assertThat(c.confidence()).isEqualTo(1.0);
    }

    @Test
    @DisplayName("the same corpus trains the same model: probabilities are reproducible")
    void deterministic() {
        TriageModel again = TriageModel.train(corpus(), RULES, TriageCues.NONE, NORMALIZER);
        TriageModel twice = TriageModel.train(corpus(), RULES, TriageCues.NONE, NORMALIZER);
        String text = "楼道里有煤气味";
        String folded = NORMALIZER.normalize(text);
        Classification byRules = RULES.classify(text);
        assertThat(again.predict(text, folded, byRules).urgency())
                .containsExactly(twice.predict(text, folded, byRules).urgency());
    }
}

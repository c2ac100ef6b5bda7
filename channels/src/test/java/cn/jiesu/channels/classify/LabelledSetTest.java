package cn.jiesu.channels.classify;

import static org.assertj.core.api.Assertions.assertThat;

import cn.jiesu.core.classify.Classification;
import cn.jiesu.core.classify.TextNormalizer;
import cn.jiesu.core.intake.RequestType;
import cn.jiesu.core.intake.Urgency;
import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Measures config/classification.yaml against the labelled appeals in classification/labelled.tsv and prints
 * precision and recall per urgency tier and per request type. The floors are deliberately asymmetric: every
 * emergency must be caught; a false emergency costs an agent a minute.
 */
class LabelledSetTest {
    record Labelled(String text, Urgency urgency, RequestType requestType) {
    }

    record Outcome(Labelled expected, Classification actual) {
    }

    private static List<Outcome> outcomes;
    private static List<Outcome> heldOut;

    @BeforeAll
    static void classifyAll() throws IOException, URISyntaxException {
        Path rules = Path.of(LabelledSetTest.class.getResource("/config/classification.yaml").toURI());
        ReloadableClassifier classifier = ReloadableClassifier.load(rules, TextNormalizer.standard());
        outcomes = classify(classifier, "labelled.tsv");
        heldOut = classify(classifier, "heldout.tsv");
        print("labelled.tsv", outcomes);
        print("heldout.tsv (never used for tuning)", heldOut);
    }

    private static List<Outcome> classify(ReloadableClassifier classifier, String file) throws IOException {
        List<Outcome> out = new ArrayList<>();
        for (Labelled l : read(file)) {
            // The keyword rules alone: the safety net under the model (TriageCorpusTest scores the two together).
            out.add(new Outcome(l, classifier.keywords().classify(l.text())));
        }
        return out;
    }

    static List<Labelled> read(String file) throws IOException {
        List<Labelled> out = new ArrayList<>();
        try (InputStream in = LabelledSetTest.class.getResourceAsStream("/classification/" + file)) {
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] f = line.split("\t");
                out.add(new Labelled(f[0], Urgency.valueOf(f[1].trim()), RequestType.valueOf(f[2].trim())));
            }
        }
        return out;
    }

    @Test
    @DisplayName("the labelled set has at least 100 appeals covering every urgency tier")
    void setIsLargeEnough() {
        assertThat(outcomes).hasSizeGreaterThanOrEqualTo(100);
        for (Urgency u : Urgency.values()) {
            assertThat(outcomes).anyMatch(o -> o.expected().urgency() == u);
        }
    }

    @Test
    @DisplayName("every labelled emergency is classified EMERGENCY (recall 1.0), with precision at least 0.85")
    void emergencyRecallIsTotal() {
        List<String> missed = outcomes.stream()
                .filter(o -> o.expected().urgency() == Urgency.EMERGENCY && o.actual().urgency() != Urgency.EMERGENCY)
                .map(o -> o.expected().text() + " -> " + o.actual().urgency()).toList();
        assertThat(missed).as("missed emergencies").isEmpty();
        assertThat(urgencyScore(outcomes, Urgency.EMERGENCY).precision()).isGreaterThanOrEqualTo(0.85);
    }

    @Test
    @DisplayName("IMMEDIATE (水电气热) recall is at least 0.9 and urgency accuracy at least 0.85 overall")
    void immediateAndOverallUrgency() {
        assertThat(urgencyScore(outcomes, Urgency.IMMEDIATE).recall()).isGreaterThanOrEqualTo(0.9);
        long right = outcomes.stream().filter(o -> o.expected().urgency() == o.actual().urgency()).count();
        assertThat((double) right / outcomes.size()).isGreaterThanOrEqualTo(0.85);
    }

    @Test
    @DisplayName("request type accuracy is at least 0.8, and recall of 投诉/举报/咨询 at least 0.8 each")
    void requestTypes() {
        long right = outcomes.stream().filter(o -> o.expected().requestType() == o.actual().requestType()).count();
        assertThat((double) right / outcomes.size()).isGreaterThanOrEqualTo(0.8);
        for (RequestType t : List.of(RequestType.COMPLAINT, RequestType.REPORT, RequestType.CONSULT)) {
            assertThat(typeScore(outcomes, t).recall()).as(t.name()).isGreaterThanOrEqualTo(0.8);
        }
    }

    @Test
    @DisplayName("held-out appeals stay at their measured level: EMERGENCY recall >= 0.5, urgency accuracy >= 0.6")
    void heldOutFloors() {
        // Regression floors at the blind round-3 measurement (0.50 and 0.65), not targets: keyword rules catch
        // far fewer emergencies in wording they were not written for, which is why agents confirm the tier.
        assertThat(urgencyScore(heldOut, Urgency.EMERGENCY).recall()).isGreaterThanOrEqualTo(0.5);
        long right = heldOut.stream().filter(o -> o.expected().urgency() == o.actual().urgency()).count();
        assertThat((double) right / heldOut.size()).isGreaterThanOrEqualTo(0.6);
    }

    record Score(int support, int predicted, int correct) {
        double precision() {
            return predicted == 0 ? 1.0 : (double) correct / predicted;
        }

        double recall() {
            return support == 0 ? 1.0 : (double) correct / support;
        }
    }

    static Score urgencyScore(List<Outcome> outcomes, Urgency u) {
        int support = 0, predicted = 0, correct = 0;
        for (Outcome o : outcomes) {
            boolean e = o.expected().urgency() == u, a = o.actual().urgency() == u;
            support += e ? 1 : 0;
            predicted += a ? 1 : 0;
            correct += e && a ? 1 : 0;
        }
        return new Score(support, predicted, correct);
    }

    static Score typeScore(List<Outcome> outcomes, RequestType t) {
        int support = 0, predicted = 0, correct = 0;
        for (Outcome o : outcomes) {
            boolean e = o.expected().requestType() == t, a = o.actual().requestType() == t;
            support += e ? 1 : 0;
            predicted += a ? 1 : 0;
            correct += e && a ? 1 : 0;
        }
        return new Score(support, predicted, correct);
    }

    private static void print(String name, List<Outcome> outcomes) {
        StringBuilder out = new StringBuilder("\nclassification/" + name + ": " + outcomes.size() + " appeals\n");
        out.append(String.format(Locale.ROOT, "%-12s %8s %10s %9s %7s%n", "urgency", "support", "precision",
                "recall", "f1"));
        for (Urgency u : Urgency.values()) {
            row(out, u.name(), urgencyScore(outcomes, u));
        }
        out.append(String.format(Locale.ROOT, "%-12s %8s %10s %9s %7s%n", "requestType", "support", "precision",
                "recall", "f1"));
        for (RequestType t : RequestType.values()) {
            row(out, t.name(), typeScore(outcomes, t));
        }
        for (Outcome o : outcomes) {
            if (o.expected().urgency() != o.actual().urgency()
                    || o.expected().requestType() != o.actual().requestType()) {
                out.append(String.format("  miss: %s  expected %s/%s, got %s/%s %s%n", o.expected().text(),
                        o.expected().urgency(), o.expected().requestType(), o.actual().urgency(),
                        o.actual().requestType(), o.actual().matchedRuleIds()));
            }
        }
        System.out.println(out);
    }

    private static void row(StringBuilder out, String name, Score s) {
        double p = s.precision(), r = s.recall(), f1 = p + r == 0 ? 0 : 2 * p * r / (p + r);
        out.append(String.format(Locale.ROOT, "%-12s %8d %10.2f %9.2f %7.2f%n", name, s.support(), p, r, f1));
    }
}

package cn.jiesu.channels.classify;

import static org.assertj.core.api.Assertions.assertThat;

import cn.jiesu.core.classify.TextNormalizer;
import cn.jiesu.core.classify.TriageExample;
import cn.jiesu.core.intake.RequestType;
import cn.jiesu.core.intake.Urgency;
import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Measures the keyword rules of config/classification.yaml ALONE, the safety net under the model, against the
 * labelled appeals in classification/labelled.tsv (written with the rules) and heldout.tsv. The floors are
 * deliberately asymmetric: every emergency in the rules' own set must be caught. TriageCorpusTest scores rules and
 * model together on appeals written without the rules.
 */
class LabelledSetTest {
    private static TriageScores labelled;
    private static TriageScores heldOut;

    @BeforeAll
    static void classifyAll() throws IOException, URISyntaxException {
        Path rules = Path.of(
                LabelledSetTest.class.getResource("/config/classification.yaml").toURI());
        ReloadableClassifier classifier = ReloadableClassifier.load(rules, TextNormalizer.standard());
        labelled = TriageScores.of(classifier.keywords(), read("labelled.tsv"));
        heldOut = TriageScores.of(classifier.keywords(), read("heldout.tsv"));
        System.out.println(labelled.report("classification/labelled.tsv, keyword rules alone", true));
        System.out.println(heldOut.report("classification/heldout.tsv, keyword rules alone", true));
    }

    /** text, urgency, requestType per line: the rules' own older format. */
    static List<TriageCorpus.Row> read(String file) throws IOException {
        List<TriageCorpus.Row> out = new ArrayList<>();
        try (InputStream in = LabelledSetTest.class.getResourceAsStream("/classification/" + file)) {
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] f = line.split("\t");
                out.add(new TriageCorpus.Row(
                        file + ":" + out.size(),
                        "labelled",
                        new TriageExample(f[0], RequestType.valueOf(f[2].trim()), Urgency.valueOf(f[1].trim()))));
            }
        }
        return out;
    }

    @Test
    @DisplayName("the labelled set has at least 100 appeals covering every urgency tier")
    void setIsLargeEnough() {
        assertThat(labelled.outcomes()).hasSizeGreaterThanOrEqualTo(100);
        for (Urgency u : Urgency.values()) {
            assertThat(labelled.of(u).support()).as(u.name()).isPositive();
        }
    }

    @Test
    @DisplayName("every labelled emergency is classified EMERGENCY (recall 1.0), with precision at least 0.85")
    void emergencyRecallIsTotal() {
        List<String> missed = labelled.outcomes().stream()
                .filter(o -> o.expected().urgency() == Urgency.EMERGENCY
                        && o.actual().urgency() != Urgency.EMERGENCY)
                .map(o -> o.expected().text() + " -> " + o.actual().urgency())
                .toList();
        assertThat(missed).as("missed emergencies").isEmpty();
        assertThat(labelled.of(Urgency.EMERGENCY).precision()).isGreaterThanOrEqualTo(0.85);
    }

    @Test
    @DisplayName("IMMEDIATE (水电气热) recall is at least 0.9 and urgency accuracy at least 0.85 overall")
    void immediateAndOverallUrgency() {
        assertThat(labelled.of(Urgency.IMMEDIATE).recall()).isGreaterThanOrEqualTo(0.9);
        assertThat(labelled.urgencyAccuracy()).isGreaterThanOrEqualTo(0.85);
    }

    @Test
    @DisplayName("request type accuracy is at least 0.8, and recall of 投诉/举报/咨询 at least 0.8 each")
    void requestTypes() {
        assertThat(labelled.typeAccuracy()).isGreaterThanOrEqualTo(0.8);
        for (RequestType t : List.of(RequestType.COMPLAINT, RequestType.REPORT, RequestType.CONSULT)) {
            assertThat(labelled.of(t).recall()).as(t.name()).isGreaterThanOrEqualTo(0.8);
        }
    }

    @Test
    @DisplayName("held-out appeals stay at their measured level: EMERGENCY recall >= 0.5, urgency accuracy >= 0.6")
    void heldOutFloors() {
        // Regression floors at the blind round-3 measurement (0.50 and 0.65), not targets: keyword rules catch
        // far fewer emergencies in wording they were not written for, which is why the model decides with them.
        assertThat(heldOut.of(Urgency.EMERGENCY).recall()).isGreaterThanOrEqualTo(0.5);
        assertThat(heldOut.urgencyAccuracy()).isGreaterThanOrEqualTo(0.6);
    }
}

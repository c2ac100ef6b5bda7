package cn.jiesu.channels.classify;

import cn.jiesu.channels.Fixtures;
import cn.jiesu.core.classify.KeywordClassifier;
import cn.jiesu.core.classify.TextNormalizer;
import cn.jiesu.core.classify.TriageClassifier;
import cn.jiesu.core.classify.TriageModel;
import cn.jiesu.core.classify.TriagePolicy;
import cn.jiesu.core.merge.MergePolicy;
import java.nio.file.Files;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * The tuning bench: trains on the train split only and prints the dev split's scores and misses. Run by hand while
 * changing rules, features or thresholds ({@code -Dtriage.tune=true -Dtest=TriageTuning}); it never reads the test
 * split, which only {@link TriageCorpusTest} scores.
 */
@EnabledIfSystemProperty(named = "triage.tune", matches = "true")
class TriageTuning {

    @Test
    void printDevScores() throws Exception {
        TextNormalizer normalizer = TextNormalizer.standard();
        KeywordClassifier rules = new KeywordClassifier(
                ClassificationRulesYaml.parse(
                        Files.readString(Fixtures.configPath("classification.yaml")), "classification.yaml"),
                normalizer);
        List<TriageCorpus.Row> train = TriageCorpus.read(Fixtures.configPath("triage/train.tsv"));
        List<TriageCorpus.Row> dev = TriageCorpus.read(Fixtures.configPath("triage/dev.tsv"));
        cn.jiesu.core.config.ConfigNode root = cn.jiesu.channels.YamlTree.parse(
                Files.readString(Fixtures.configPath("classification.yaml")), "classification.yaml");
        TriageSettings settings = TriageSettings.of(root, Fixtures.configPath("classification.yaml"), true);
        TriageModel.Training t0 = TriageModel.Training.DEFAULT;
        TriageModel.Training training = new TriageModel.Training(
                Integer.getInteger("triage.epochs", t0.epochs()),
                Double.parseDouble(System.getProperty("triage.lr", "" + t0.learningRate())),
                Double.parseDouble(System.getProperty("triage.l2", "" + t0.l2())),
                Integer.getInteger("triage.minDocs", t0.minDocs()),
                Boolean.parseBoolean(System.getProperty("triage.foldDigits", "" + t0.foldDigits())));
        TriageModel model = TriageModel.train(
                train.stream().map(TriageCorpus.Row::example).toList(),
                rules,
                Boolean.getBoolean("triage.noCues")
                        ? cn.jiesu.core.classify.TriageCues.NONE
                        : new cn.jiesu.core.classify.TriageCues(settings.cues(), normalizer),
                normalizer,
                training);
        System.out.println("training " + training);
        for (String probe :
                new String[] {"阜通东大街6号院3号楼的楼道灯坏了。", "6号院3号楼的路灯坏了一周了。", "再次反映：6号院3号楼楼道灯到现在还是不亮，前两天已经在网上报过了。"}) {
            System.out.println("probe "
                    + new TriageClassifier(rules, model, TriagePolicy.DEFAULT, normalizer)
                            .classify(probe)
                            .urgency() + " " + probe);
        }
        TriagePolicy d = TriagePolicy.DEFAULT;
        TriagePolicy policy = new TriagePolicy(
                Double.parseDouble(System.getProperty("triage.emergencyReview", "" + d.emergencyReview())),
                Double.parseDouble(System.getProperty("triage.ruleFloor", "" + d.ruleFloor())),
                Double.parseDouble(System.getProperty("triage.emergencySure", "" + d.emergencySure())),
                Double.parseDouble(System.getProperty("triage.reviewBelow", "" + d.reviewBelow())),
                Double.parseDouble(System.getProperty("triage.typeRuleFloor", "" + d.typeRuleFloor())),
                true);
        TriageClassifier c = new TriageClassifier(rules, model, policy, normalizer);
        System.out.println(TriageScores.of(rules, dev).report("dev, keyword rules alone", false));
        System.out.println(TriageScores.of(c, dev).report("dev, model + rules " + policy, true));
        StringBuilder sweep =
                new StringBuilder("\nsweep: review ruleFloor -> urgencyAcc E-recall E-precision reviewed\n");
        for (double review : new double[] {0.06, 0.08, 0.1, 0.12, 0.15, 0.2, 0.25, 0.3}) {
            for (double floor : new double[] {0.02, 0.05, 0.08, 0.12, 0.2, 1.0}) {
                TriageScores s = TriageScores.of(
                        new TriageClassifier(
                                rules,
                                model,
                                new TriagePolicy(
                                        review,
                                        floor,
                                        Math.max(review, d.emergencySure()),
                                        d.reviewBelow(),
                                        d.typeRuleFloor(),
                                        true),
                                normalizer),
                        dev);
                sweep.append(String.format(
                        java.util.Locale.ROOT,
                        "  %.2f %.2f -> %.3f %.3f %.3f %d%n",
                        review,
                        floor,
                        s.urgencyAccuracy(),
                        s.of(cn.jiesu.core.intake.Urgency.EMERGENCY).recall(),
                        s.of(cn.jiesu.core.intake.Urgency.EMERGENCY).precision(),
                        s.reviewed()));
            }
        }
        System.out.println(sweep);
        StringBuilder types = new StringBuilder("\ntype rule floor -> type accuracy\n");
        for (double f : new double[] {0.0, 0.05, 0.1, 0.2, 0.3, 0.5, 1.01}) {
            TriageScores s = TriageScores.of(
                    new TriageClassifier(
                            rules,
                            model,
                            new TriagePolicy(
                                    d.emergencyReview(),
                                    d.ruleFloor(),
                                    d.emergencySure(),
                                    d.reviewBelow(),
                                    Math.min(f, 1.0),
                                    true),
                            normalizer),
                    dev);
            types.append(String.format(java.util.Locale.ROOT, "  %.2f -> %.3f%n", f, s.typeAccuracy()));
        }
        System.out.println(types);
        DuplicatePairs pairs = DuplicatePairs.read(Fixtures.testResource("triage/pairs-dev.tsv"));
        System.out.println(pairs.score(rules, MergePolicy.DEFAULT).report("pairs dev, keyword rules alone"));
        System.out.println(pairs.score(c, MergePolicy.DEFAULT).report("pairs dev, model + rules"));
    }
}

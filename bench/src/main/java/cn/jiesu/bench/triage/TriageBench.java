package cn.jiesu.bench.triage;

import cn.jiesu.channels.classify.ReloadableClassifier;
import cn.jiesu.channels.classify.TriageCorpus;
import cn.jiesu.core.classify.Classifier;
import cn.jiesu.core.classify.TextNormalizer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The cost of triage per appeal: classify() of the keyword rules alone against the production classifier (rules
 * plus model), over every text of the corpus, in alternating rounds so both see the same JIT and machine state;
 * also the start-up cost of training the model. Arguments: the rules file, the corpus files to classify, rounds.
 */
public final class TriageBench {
    private TriageBench() {}

    public static void main(String[] args) {
        Path rules = Path.of(args[0]);
        int rounds = Integer.parseInt(args[1]);
        List<String> texts = new ArrayList<>();
        for (int i = 2; i < args.length; i++) {
            TriageCorpus.read(Path.of(args[i]))
                    .forEach(r -> texts.add(r.example().text()));
        }
        long t0 = System.nanoTime();
        ReloadableClassifier production = ReloadableClassifier.load(rules, TextNormalizer.standard());
        double loadMs = (System.nanoTime() - t0) / 1e6;
        Classifier keywords = production.keywords();
        System.out.printf(
                Locale.ROOT,
                "load (parse rules, read corpus, train on %d rows): %.0f ms%n",
                production.corpusRows(),
                loadMs);
        int chars = texts.stream().mapToInt(String::length).sum();
        System.out.printf(
                Locale.ROOT, "texts: %d, mean %.0f characters%n", texts.size(), (double) chars / texts.size());
        long[][] samples = new long[2][texts.size() * rounds];
        int sink = 0;
        for (int warm = 0; warm < 5; warm++) { // JIT warm-up, not measured
            for (String t : texts) {
                sink += keywords.classify(t).urgency().ordinal()
                        + production.classify(t).urgency().ordinal();
            }
        }
        Classifier[] subjects = {keywords, production};
        for (int round = 0; round < rounds; round++) {
            for (int s = 0; s < 2; s++) {
                for (int i = 0; i < texts.size(); i++) {
                    long start = System.nanoTime();
                    sink += subjects[s].classify(texts.get(i)).urgency().ordinal();
                    samples[s][round * texts.size() + i] = System.nanoTime() - start;
                }
            }
        }
        String[] names = {"keyword rules alone", "rules + model (production)"};
        double[] means = new double[2];
        for (int s = 0; s < 2; s++) {
            long[] a = samples[s];
            means[s] = Arrays.stream(a).average().orElse(0) / 1000;
            Arrays.sort(a);
            System.out.printf(
                    Locale.ROOT,
                    "%-28s mean %6.1f us  p50 %6.1f us  p99 %6.1f us  (%d classifications)%n",
                    names[s],
                    means[s],
                    a[a.length / 2] / 1000.0,
                    a[(int) (a.length * 0.99)] / 1000.0,
                    a.length);
        }
        System.out.printf(Locale.ROOT, "model cost over rules alone: %.2fx (mean)%n", means[1] / means[0]);
        System.out.println(sink == 42 ? "" : "done");
    }
}

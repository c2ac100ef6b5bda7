package cn.jiesu.channels.classify;

import cn.jiesu.core.classify.Classification;
import cn.jiesu.core.classify.Classifier;
import cn.jiesu.core.classify.TriageExample;
import cn.jiesu.core.intake.RequestType;
import cn.jiesu.core.intake.Urgency;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;

/** Scores a classifier against labelled rows: accuracy, precision and recall per tier and per type. */
record TriageScores(List<Outcome> outcomes) {

    record Outcome(TriageCorpus.Row row, Classification actual) {
        TriageExample expected() {
            return row.example();
        }
    }

    record Score(int support, int predicted, int correct) {
        double precision() {
            return predicted == 0 ? 1.0 : (double) correct / predicted;
        }

        double recall() {
            return support == 0 ? 1.0 : (double) correct / support;
        }
    }

    static TriageScores of(Classifier classifier, List<TriageCorpus.Row> rows) {
        List<Outcome> out = new ArrayList<>();
        for (TriageCorpus.Row r : rows) {
            out.add(new Outcome(r, classifier.classify(r.example().text())));
        }
        return new TriageScores(out);
    }

    double urgencyAccuracy() {
        return (double) outcomes.stream()
                        .filter(o -> o.expected().urgency() == o.actual().urgency())
                        .count()
                / outcomes.size();
    }

    double typeAccuracy() {
        return (double) outcomes.stream()
                        .filter(o -> o.expected().requestType() == o.actual().requestType())
                        .count()
                / outcomes.size();
    }

    long reviewed() {
        return outcomes.stream().filter(o -> o.actual().review()).count();
    }

    Score of(Urgency u) {
        return score(o -> o.expected().urgency() == u, o -> o.actual().urgency() == u);
    }

    Score of(RequestType t) {
        return score(o -> o.expected().requestType() == t, o -> o.actual().requestType() == t);
    }

    private Score score(Predicate<Outcome> expected, Predicate<Outcome> actual) {
        int support = 0, predicted = 0, correct = 0;
        for (Outcome o : outcomes) {
            boolean e = expected.test(o), a = actual.test(o);
            support += e ? 1 : 0;
            predicted += a ? 1 : 0;
            correct += e && a ? 1 : 0;
        }
        return new Score(support, predicted, correct);
    }

    /** The table a reader compares with BENCHMARKS.md; with {@code misses}, every wrong row too. */
    String report(String name, boolean misses) {
        StringBuilder out = new StringBuilder(String.format(
                Locale.ROOT,
                "%n%s: %d appeals, urgency accuracy %.3f, request type accuracy %.3f, sent to review %d%n",
                name,
                outcomes.size(),
                urgencyAccuracy(),
                typeAccuracy(),
                reviewed()));
        out.append(String.format(Locale.ROOT, "%-12s %8s %10s %9s%n", "urgency", "support", "precision", "recall"));
        for (Urgency u : Urgency.values()) {
            Score s = of(u);
            out.append(
                    String.format(Locale.ROOT, "%-12s %8d %10.3f %9.3f%n", u, s.support(), s.precision(), s.recall()));
        }
        out.append(String.format(Locale.ROOT, "%-12s %8s %10s %9s%n", "requestType", "support", "precision", "recall"));
        for (RequestType t : RequestType.values()) {
            Score s = of(t);
            if (s.support() > 0 || s.predicted() > 0) {
                out.append(String.format(
                        Locale.ROOT, "%-12s %8d %10.3f %9.3f%n", t, s.support(), s.precision(), s.recall()));
            }
        }
        if (misses) {
            for (Outcome o : outcomes) {
                if (o.expected().urgency() != o.actual().urgency()
                        || o.expected().requestType() != o.actual().requestType()) {
                    out.append(String.format(
                            Locale.ROOT,
                            "  %s expected %s/%s got %s/%s c=%.2f %s %s%n",
                            o.row().id(),
                            o.expected().urgency(),
                            o.expected().requestType(),
                            o.actual().urgency(),
                            o.actual().requestType(),
                            o.actual().confidence(),
                            o.actual().review() ? "REVIEW" : "",
                            o.expected().text()));
                }
            }
        }
        return out.toString();
    }
}

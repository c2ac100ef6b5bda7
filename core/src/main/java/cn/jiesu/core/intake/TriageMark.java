package cn.jiesu.core.intake;

import java.util.Collections;
import java.util.Set;
import java.util.TreeSet;

/**
 * How sure triage was of an appeal's tier, whether an agent must confirm it, and what the appeal is about.
 *
 * @param confidence 0..1: the model's probability of the recorded tier (1 for a tier the citizen chose)
 * @param review     true while an agent has to confirm the tier (a possible emergency, an unsure model)
 * @param reason     why review is asked, shown to the agent; null without review
 * @param topics     the topics of the matched rules ({@code water}, {@code heating}, ...), sorted; what hotspots and
 *                   recurring problems are counted by. Empty when nothing matched or there was no text.
 */
public record TriageMark(double confidence, boolean review, String reason, Set<String> topics) {
    /** A tier nobody doubts: the citizen chose it, or nothing was there to classify. */
    public static final TriageMark CERTAIN = new TriageMark(1.0, false, null);

    public TriageMark {
        if (!(confidence >= 0 && confidence <= 1)) {
            throw new IllegalArgumentException("triage.confidence: 0..1, was " + confidence);
        }
        if (!review) {
            reason = null;
        }
        // Sorted, so that the stream entry and the codec's round trip are stable.
        topics = topics == null ? Set.of() : Collections.unmodifiableSortedSet(new TreeSet<>(topics));
    }

    public TriageMark(double confidence, boolean review, String reason) {
        this(confidence, review, reason, Set.of());
    }

    /** The mark after an agent confirmed or corrected the tier; the topics stay. */
    public TriageMark confirmed() {
        return new TriageMark(confidence, false, null, topics);
    }

    /** The same mark with other topics. */
    public TriageMark withTopics(Set<String> topics) {
        return new TriageMark(confidence, review, reason, topics);
    }
}

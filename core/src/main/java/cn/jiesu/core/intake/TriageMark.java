package cn.jiesu.core.intake;

/**
 * How sure triage was of an appeal's tier, and whether an agent must confirm it.
 *
 * @param confidence 0..1: the model's probability of the recorded tier (1 for a tier the citizen chose)
 * @param review     true while an agent has to confirm the tier (a possible emergency, an unsure model)
 * @param reason     why review is asked, shown to the agent; null without review
 */
public record TriageMark(double confidence, boolean review, String reason) {
    /** A tier nobody doubts: the citizen chose it, or nothing was there to classify. */
    public static final TriageMark CERTAIN = new TriageMark(1.0, false, null);

    public TriageMark {
        if (!(confidence >= 0 && confidence <= 1)) {
            throw new IllegalArgumentException("triage.confidence: 0..1, was " + confidence);
        }
        if (!review) {
            reason = null;
        }
    }

    /** The mark after an agent confirmed or corrected the tier. */
    public TriageMark confirmed() {
        return new TriageMark(confidence, false, null);
    }
}

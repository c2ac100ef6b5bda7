package cn.jiesu.channels;

import cn.jiesu.core.classify.Classification;
import cn.jiesu.core.classify.Classifier;
import cn.jiesu.core.classify.ExplicitChoice;
import cn.jiesu.core.intake.IntakeBuilder;
import cn.jiesu.core.intake.TriageMark;
import cn.jiesu.core.sla.SlaPolicy;
import java.time.Instant;

/**
 * Sets request type, urgency, deadline and triage mark on an intake being built, as the classifier decides (the
 * citizen's choice, the model, the safety rules); {@code dueAt} from the SLA policy and the gateway's receive time.
 */
public final class Triage {
    private final Classifier classifier;
    private final SlaPolicy sla;

    public Triage(Classifier classifier, SlaPolicy sla) {
        this.classifier = classifier;
        this.sla = sla;
    }

    public Classification apply(IntakeBuilder builder, String text, ExplicitChoice choice, Instant receivedAt) {
        Classification c = classifier.classify(text, choice);
        builder.requestType(c.requestType())
                .urgency(c.urgency())
                .dueAt(sla.dueAt(c.urgency(), receivedAt))
                .triage(new TriageMark(c.confidence(), c.review(), c.reviewReason(), c.topics()));
        return c;
    }
}

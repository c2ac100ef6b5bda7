package cn.jiesu.core.classify;

import cn.jiesu.core.intake.RequestType;
import cn.jiesu.core.intake.Urgency;
import java.util.Objects;

/**
 * One labelled appeal of the triage corpus: what a careful operator decided for this text. The model is trained on
 * these; an agent's correction becomes one too.
 */
public record TriageExample(String text, RequestType requestType, Urgency urgency) {
    public TriageExample {
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(requestType, "requestType");
        Objects.requireNonNull(urgency, "urgency");
    }
}

package cn.jiesu.core.classify;

import cn.jiesu.core.intake.RequestType;
import cn.jiesu.core.intake.Urgency;
import java.time.Instant;
import java.util.Objects;

/**
 * An agent's confirmation or correction of an appeal's triage: what triage had recorded and what the agent decided.
 * Exported as a corpus row, it teaches the next training run.
 *
 * @param text the appeal's text as the agent saw it (title and content)
 * @param by   who decided (agent extension or the case system's user), for audit
 */
public record TriageCorrection(
        String intakeId,
        String text,
        RequestType requestTypeBefore,
        Urgency urgencyBefore,
        RequestType requestType,
        Urgency urgency,
        String by,
        Instant at) {
    public TriageCorrection {
        Objects.requireNonNull(intakeId, "intakeId");
        text = text == null ? "" : text;
        Objects.requireNonNull(requestType, "requestType");
        Objects.requireNonNull(urgency, "urgency");
        Objects.requireNonNull(at, "at");
    }

    /** True when the agent changed the tier or the type, not only confirmed them. */
    public boolean changed() {
        return requestType != requestTypeBefore || urgency != urgencyBefore;
    }

    /** The corpus row this correction teaches; null when there is no text to learn from. */
    public TriageExample example() {
        return text.isBlank() ? null : new TriageExample(text, requestType, urgency);
    }
}

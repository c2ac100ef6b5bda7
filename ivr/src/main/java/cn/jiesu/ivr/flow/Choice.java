package cn.jiesu.ivr.flow;

import java.util.Objects;

/**
 * Where a menu option, a failure or a lookup result leads: the next node and what to set on the way.
 *
 * @param label what the option means in words (ivr.yaml's {@code label}), shown to agents; or null
 */
public record Choice(String next, Effects effects, String label) {
    public Choice {
        Objects.requireNonNull(next, "next");
        effects = effects == null ? Effects.NONE : effects;
        label = label == null || label.isBlank() ? null : label.strip();
    }

    public Choice(String next, Effects effects) {
        this(next, effects, null);
    }
}

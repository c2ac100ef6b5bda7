package cn.jiesu.ivr.flow;

import java.util.Objects;

/** Where a menu option, a failure or a lookup result leads: the next node and what to set on the way. */
public record Choice(String next, Effects effects) {
    public Choice {
        Objects.requireNonNull(next, "next");
        effects = effects == null ? Effects.NONE : effects;
    }
}

package cn.jiesu.core.sla;

import cn.jiesu.core.config.ConfigException;
import cn.jiesu.core.intake.Urgency;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;

/**
 * How long each urgency tier has to be answered: Beijing's 2 h / 24 h / 7 d / 15 d by default, configurable
 * because the tiers are policy, not physics.
 */
public record SlaPolicy(Map<Urgency, Duration> limits) {
    public static final SlaPolicy BEIJING = new SlaPolicy(Map.of(
            Urgency.EMERGENCY, Duration.ofHours(2),
            Urgency.IMMEDIATE, Duration.ofHours(24),
            Urgency.NORMAL, Duration.ofDays(7),
            Urgency.COMPLEX, Duration.ofDays(15)));

    public SlaPolicy {
        EnumMap<Urgency, Duration> copy = new EnumMap<>(Urgency.class);
        copy.putAll(limits);
        for (Urgency u : Urgency.values()) {
            Duration d = copy.get(u);
            if (d == null) {
                throw new ConfigException("sla." + u.name().toLowerCase(), "missing");
            }
            if (d.isNegative() || d.isZero()) {
                throw new ConfigException("sla." + u.name().toLowerCase(), "must be positive, was " + d);
            }
        }
        limits = Map.copyOf(copy);
    }

    public Duration limit(Urgency urgency) {
        return limits.get(urgency);
    }

    /** The deadline for an appeal of this tier received at {@code receivedAt}. */
    public Instant dueAt(Urgency urgency, Instant receivedAt) {
        return receivedAt.plus(limit(urgency));
    }
}

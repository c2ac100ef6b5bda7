package cn.jiesu.gateway.config;

import cn.jiesu.core.config.ConfigNode;
import cn.jiesu.core.intake.Urgency;
import cn.jiesu.core.sla.SlaPolicy;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;

/** Reads the per-tier deadlines ({@code sla.*}) into the core {@link SlaPolicy}. */
public final class SlaConfig {
    private SlaConfig() {}

    public static SlaPolicy from(ConfigNode t) {
        Map<Urgency, Duration> limits = new EnumMap<>(Urgency.class);
        for (Urgency u : Urgency.values()) {
            limits.put(u, t.duration("sla." + u.name().toLowerCase(Locale.ROOT)));
        }
        return new SlaPolicy(limits);
    }
}

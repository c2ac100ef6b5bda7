package cn.jiesu.gateway.phone;

import cn.jiesu.core.config.ConfigException;
import cn.jiesu.core.config.ConfigNode;
import java.time.DateTimeException;
import java.time.ZoneId;

/**
 * {@code ivr.status-lookup.*}: how far a caller may use the IVR's status lookup (menu 9), see config/jiesu.yaml.
 *
 * @param maxMissesPerCall unknown appeal numbers one call may key, then an agent
 * @param dailyPerCaller   lookups a calling number may make a day (0: none, straight to an agent)
 * @param dailyAnonymous   lookups of all calls without a caller number together, a day
 * @param zone             where a day begins
 */
public record StatusLookupLimits(int maxMissesPerCall, int dailyPerCaller, int dailyAnonymous, ZoneId zone) {
    private static final String P = "ivr.status-lookup.";

    static StatusLookupLimits from(ConfigNode t) {
        ZoneId zone;
        try {
            zone = ZoneId.of(t.string(P + "zone"));
        } catch (DateTimeException e) {
            throw new ConfigException(P + "zone", "not a time zone: '" + t.string(P + "zone") + "'");
        }
        return new StatusLookupLimits(
                t.integer(P + "max-misses-per-call", 1, 20),
                t.integer(P + "daily-per-caller", 0, 100_000),
                t.integer(P + "daily-anonymous", 0, 10_000_000),
                zone);
    }
}

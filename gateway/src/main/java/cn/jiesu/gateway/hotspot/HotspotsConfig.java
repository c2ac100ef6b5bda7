package cn.jiesu.gateway.hotspot;

import cn.jiesu.core.config.ConfigException;
import cn.jiesu.core.config.ConfigNode;
import cn.jiesu.core.hotspot.HotspotPolicy;
import java.time.Duration;

/**
 * {@code hotspots.*}: whether this instance watches the intake stream for hotspots (未诉先办), how often it looks for
 * hotspots to close, and the detector's operator-facing knobs (the rest of {@link HotspotPolicy} keeps its tuned
 * defaults). Every instance may watch: they share the state in Redis and the consumer group splits the appeals.
 */
public record HotspotsConfig(
        boolean enabled,
        Duration tickInterval,
        Duration flushInterval,
        Duration refreshInterval,
        Duration applyInterval,
        HotspotPolicy policy) {
    public static HotspotsConfig from(ConfigNode t) {
        boolean enabled = t.bool("hotspots.enabled", true);
        Duration tick = t.duration("hotspots.tick-interval", Duration.ofSeconds(30));
        // Write-behind: counts go to Redis at most this often (a batch's entries are acknowledged after it) ...
        Duration flush =
                within("hotspots.flush-interval", t.duration("hotspots.flush-interval", Duration.ofMillis(200)));
        // ... and what other instances counted shows in this one's reads within this.
        Duration refresh =
                within("hotspots.refresh-interval", t.duration("hotspots.refresh-interval", Duration.ofSeconds(1)));
        // The detecting instance adds its logged hourly and daily counts to the shared count pages this often.
        Duration apply = t.duration("hotspots.apply-interval", Duration.ofMinutes(1));
        if (apply.compareTo(Duration.ofHours(1)) > 0) {
            throw new ConfigException("hotspots.apply-interval", "at most 1h (e.g. 1m), was " + apply);
        }
        HotspotPolicy d = HotspotPolicy.defaults();
        int minStreet = t.integer("hotspots.min-street", 1, 1000, d.minStreet());
        int minDistrict = t.integer("hotspots.min-district", 1, 10_000, d.minDistrict());
        double alpha = open("hotspots.alpha", t.decimal("hotspots.alpha", d.alpha()));
        double closeAlpha = open("hotspots.close-alpha", t.decimal("hotspots.close-alpha", d.closeAlpha()));
        if (closeAlpha <= alpha) {
            // A hotspot opens below alpha and closes once its tail is back above close-alpha: below alpha it
            // would close as soon as it opened, or never be "back to normal" at a level that could not open one.
            throw new ConfigException(
                    "hotspots.close-alpha", "must be larger than hotspots.alpha (" + alpha + "), was " + closeAlpha);
        }
        double minRatio = t.decimal("hotspots.min-ratio", d.minRatio());
        if (!(minRatio >= 1)) {
            throw new ConfigException("hotspots.min-ratio", "must be at least 1, was " + minRatio);
        }
        HotspotPolicy policy = new HotspotPolicy(
                alpha,
                closeAlpha,
                minStreet,
                minDistrict,
                minRatio,
                d.size(),
                d.weeks(),
                d.decay(),
                d.priorWeeks(),
                d.floorPerHour());
        return new HotspotsConfig(enabled, tick, flush, refresh, apply, policy);
    }

    /** Under a minute (the duration grammar already refuses 0): longer would hold acknowledgements past reclaim. */
    private static Duration within(String key, Duration d) {
        if (d.isNegative() || d.compareTo(Duration.ofMinutes(1)) >= 0) {
            String was = d.toMillis() % 1000 == 0 ? d.toSeconds() + "s" : d.toMillis() + "ms";
            throw new ConfigException(key, "must be under 1 minute (e.g. 200ms, 1s), was " + was);
        }
        return d;
    }

    private static double open(String key, double p) {
        if (!(p > 0 && p < 1)) {
            throw new ConfigException(key, "a probability in (0, 1), was " + p);
        }
        return p;
    }
}

package cn.jiesu.redis.hotspot;

import cn.jiesu.core.hotspot.HotspotKey;
import cn.jiesu.core.hotspot.Resolution;

/**
 * Every Redis key of the hotspot detector, from the configured prefix. Immutable.
 *
 * <p>With the default prefix: {@code jiesu:hs:c:{b|h|d}:{page}:{key}} (hash: slot → count, one page of slots of a
 * key at a resolution, expiring {@link Resolution#retention()} after the page ends), {@code jiesu:hs:r:{key}} (zset:
 * the key's appeals of the last 24 h by time), {@code jiesu:hs:open} (hash: key → the open hotspot),
 * {@code jiesu:hs:m:{key}} (zset: the open hotspot's appeals by time), {@code jiesu:hs:last:{key}} (zset: the
 * appeals of the key's last closed hotspot, 24 h), {@code jiesu:hs:closed} (zset: closed hotspot ids by close time),
 * {@code jiesu:hs:closed:{id}} (string: a closed hotspot, 24 h), {@code jiesu:hs:cm:{id}} (zset: its appeals, 24 h),
 * {@code jiesu:hs:seen} (zset: the appeals observed, by when, 48 h), {@code jiesu:hs:lease}, {@code jiesu:hs:log},
 * {@code jiesu:hs:applied}, {@code jiesu:hs:enriched} (the detecting instance's, see {@link LeaderHotspotStore}) and
 * {@code jiesu:hotspots} (stream: events).
 * {@code {key}} is {@link HotspotKey#id()}.
 */
public final class HotspotKeys {
    private final String p;

    public HotspotKeys(String prefix) {
        if (prefix == null || prefix.isEmpty()) {
            throw new IllegalArgumentException("prefix: required");
        }
        this.p = prefix + "hs:";
    }

    /** Slots per page: a day of buckets, a week of hours, 16 days. */
    static int pageSlots(Resolution r) {
        return switch (r) {
            case BUCKET -> 288;
            case HOUR -> 168;
            case DAY -> 16;
        };
    }

    String counts(HotspotKey key, Resolution r, long page) {
        return p + "c:" + r.name().substring(0, 1).toLowerCase(java.util.Locale.ROOT) + ":" + page + ":" + key.id();
    }

    String recent(HotspotKey key) {
        return p + "r:" + key.id();
    }

    String open() {
        return p + "open";
    }

    String members(HotspotKey key) {
        return p + "m:" + key.id();
    }

    String lastClosed(HotspotKey key) {
        return p + "last:" + key.id();
    }

    String closed() {
        return p + "closed";
    }

    String closed(String hotspotId) {
        return p + "closed:" + hotspotId;
    }

    String closedMembers(String hotspotId) {
        return p + "cm:" + hotspotId;
    }

    /** The appeals the detector counted (member: intake id, score: when, ms), for {@link ObservedAppeals}. */
    public String seen() {
        return p + "seen";
    }

    /** Which instance detects (string: its lease token, expiring unless renewed), {@link HotspotLease}. */
    String lease() {
        return p + "lease";
    }

    /** The appeals the detecting instance observed, one entry a flush (stream, ~27 h), {@link ObservationLog}. */
    String log() {
        return p + "log";
    }

    /** The id of the last {@link #log()} entry whose hourly and daily counts are in the count pages (string). */
    String applied() {
        return p + "applied";
    }

    /** Phone appeals enriched on any instance, for the detecting one to count (stream), {@link EnrichedAppeals}. */
    String enriched() {
        return p + "enriched";
    }

    /** The stream of hotspot events (opened, grew, closed), {@code schema=hotspot-event.v1}. */
    public String events() {
        return p.substring(0, p.length() - 3) + "hotspots";
    }
}

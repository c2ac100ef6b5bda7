package cn.jiesu.redis.hotspot;

import cn.jiesu.core.hotspot.HotspotKey;
import cn.jiesu.core.hotspot.OpenHotspot;
import cn.jiesu.core.hotspot.Window;
import java.time.Instant;

/**
 * An open hotspot as one Redis string (tab-separated), so that opening is one {@code HSETNX} and closing compares
 * the whole value: a hotspot reopened on the same key under another id is never closed by a stale tick.
 */
final class OpenCodec {
    private OpenCodec() {}

    static String encode(OpenHotspot h) {
        return String.join(
                "\t",
                h.id(),
                h.key().topic(),
                h.key().level().name(),
                h.key().place(),
                h.window().name(),
                Long.toString(h.openedAt().toEpochMilli()),
                Long.toString(h.observed()),
                Double.toString(h.expected()),
                Double.toString(h.pValue()));
    }

    static OpenHotspot decode(String s) {
        String[] f = s.split("\t", -1);
        if (f.length < 9) {
            throw new IllegalArgumentException("not an encoded hotspot: " + s);
        }
        return new OpenHotspot(
                f[0],
                new HotspotKey(f[1], HotspotKey.Level.valueOf(f[2]), f[3]),
                Window.valueOf(f[4]),
                Instant.ofEpochMilli(Long.parseLong(f[5])),
                Long.parseLong(f[6]),
                Double.parseDouble(f[7]),
                Double.parseDouble(f[8]));
    }

    /** A closed hotspot's record: the open encoding, then the close time. */
    static String closed(OpenHotspot h, Instant closedAt) {
        return encode(h) + "\t" + closedAt.toEpochMilli();
    }

    static Instant closedAt(String record) {
        return Instant.ofEpochMilli(Long.parseLong(record.substring(record.lastIndexOf('\t') + 1)));
    }
}

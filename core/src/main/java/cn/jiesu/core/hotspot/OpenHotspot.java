package cn.jiesu.core.hotspot;

import java.time.Instant;
import java.util.Objects;

/**
 * The fixed part of an open hotspot, written once when it opens: which key, which window found it, and the test
 * that opened it (the window's count, its expected count under the baseline and the tail probability).
 */
public record OpenHotspot(
        String id, HotspotKey key, Window window, Instant openedAt, long observed, double expected, double pValue) {
    public OpenHotspot {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(window, "window");
        Objects.requireNonNull(openedAt, "openedAt");
    }
}

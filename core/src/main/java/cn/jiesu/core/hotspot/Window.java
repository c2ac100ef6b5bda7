package cn.jiesu.core.hotspot;

import java.time.Duration;

/**
 * The sliding windows a key's count is tested over: a run of whole slots ending with the current (partial) one.
 * The 24 h window counts hours, not buckets, so a test reads 24 numbers (one {@code HMGET}) instead of 288.
 */
public enum Window {
    M15(Resolution.BUCKET, 3, Duration.ofHours(1), "15m"),
    H1(Resolution.BUCKET, 12, Duration.ofHours(2), "1h"),
    H24(Resolution.HOUR, 24, Duration.ofHours(24), "24h");

    private final Resolution resolution;
    private final int slots;
    private final Duration hold;
    private final String label;

    Window(Resolution resolution, int slots, Duration hold, String label) {
        this.resolution = resolution;
        this.slots = slots;
        this.hold = hold;
        this.label = label;
    }

    /** How the API and the event stream name the window: {@code 15m}, {@code 1h}, {@code 24h}. */
    public String label() {
        return label;
    }

    public Resolution resolution() {
        return resolution;
    }

    public int slots() {
        return slots;
    }

    /** The slots the hold time spans at this window's resolution. */
    int holdSlots() {
        return (int) (hold.toMillis() / resolution.millis());
    }

    /**
     * How long the rate must be back to normal before a hotspot opened on this window closes: longer than the
     * window, so that the quiet gap between two bursts of one incident does not split it into two hotspots.
     */
    public Duration hold() {
        return hold;
    }
}

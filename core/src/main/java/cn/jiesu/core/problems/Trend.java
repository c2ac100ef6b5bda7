package cn.jiesu.core.problems;

/**
 * Whether a pair is growing: the last three months against the three before them,
 * {@code ratio = (last3 + 1) / (previous3 + 1)} (add-one smoothing, so a pair new this quarter has a finite ratio and
 * 0 → 0 is flat). {@link Direction#UP} when {@code ratio ≥ 1.25}, {@link Direction#DOWN} when {@code ratio ≤ 0.8},
 * else {@link Direction#FLAT}. The quarter ends at the range's last month and may reach before the range's first.
 *
 * @param ratio rounded to 3 decimals
 */
public record Trend(long last3, long previous3, double ratio, Direction direction) {
    static final double UP = 1.25;
    static final double DOWN = 0.8;

    /** Which way the pair is heading. */
    public enum Direction {
        UP,
        FLAT,
        DOWN
    }

    /** The trend at {@code end} (an index into {@code counts}); indices before 0 count as 0. */
    public static Trend at(long[] counts, int end) {
        long last = sum(counts, end - 2, end);
        long previous = sum(counts, end - 5, end - 3);
        double ratio = (last + 1.0) / (previous + 1.0);
        Direction d = ratio >= UP ? Direction.UP : ratio <= DOWN ? Direction.DOWN : Direction.FLAT;
        return new Trend(last, previous, Math.round(ratio * 1000) / 1000.0, d);
    }

    private static long sum(long[] counts, int from, int to) {
        long s = 0;
        for (int i = Math.max(0, from); i <= to && i < counts.length; i++) {
            s += counts[i];
        }
        return s;
    }
}

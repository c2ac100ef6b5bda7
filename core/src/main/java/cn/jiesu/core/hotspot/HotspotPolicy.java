package cn.jiesu.core.hotspot;

/**
 * The detector's thresholds and the baseline's learning rates.
 *
 * <p><b>False alarms across many tests.</b> City-wide there are ~38 topics × (340 streets + 16 districts) ≈ 13,500
 * keys and three windows, tested on every appeal; counting only disjoint windows that is ~1.6 million tests a day
 * (13,500 × (96 + 24 + 1)). A Bonferroni bound for ≤ 1 false hotspot a day would need α ≈ 6e-7 per test. We use a
 * Bonferroni-style per-test {@code alpha} of that order, but tuned on a training seed of the simulator rather than
 * the bound itself (seed 1, a month on background alone: 0.93 false hotspots a day at 1e-6, 0.43 at 3e-7), because
 * the bound is very conservative here: most keys see 0-2 appeals a day and can never
 * reach the minimum count, and the sliding-window re-tests of one key are strongly correlated. Two guards make
 * the remaining tests safe: a minimum count (a street needs ≥ {@code minStreet} appeals in the window whatever
 * the p-value, so two neighbours calling about one burst pipe are not a hotspot) and a minimum ratio to the
 * baseline (a busy district's 24 h count can be "significant" at +15 %, which no one would dispatch for).
 *
 * @param alpha          per-test tail probability below which a window opens a hotspot
 * @param closeAlpha     a hotspot closes once its count over the hold time is no longer below this tail (back to
 *                       normal, not merely past the peak)
 * @param minStreet      minimum window count to open a street hotspot
 * @param minDistrict    minimum window count to open a district hotspot
 * @param minRatio       the window count must be at least this multiple of its expected count
 * @param size           negative-binomial size (over-dispersion) of counts; {@code Double.POSITIVE_INFINITY} =
 *                       Poisson
 * @param weeks          weeks of history the hour-of-week baseline looks back
 * @param decay          weight of each older week relative to the next (exponential weighting)
 * @param priorWeeks     weight, in weeks, of the prior (city topic rate × the place's share of city volume) against
 *                       the key's own history, so a new or rarely seen key starts from its place's share
 * @param floorPerHour   the smallest expected rate per hour, so a topic never seen at a place is not infinitely
 *                       surprising
 */
public record HotspotPolicy(
        double alpha,
        double closeAlpha,
        int minStreet,
        int minDistrict,
        double minRatio,
        double size,
        int weeks,
        double decay,
        double priorWeeks,
        double floorPerHour) {
    public HotspotPolicy {
        if (!(alpha > 0 && alpha < 1) || !(closeAlpha > 0 && closeAlpha < 1)) {
            throw new IllegalArgumentException("alpha and closeAlpha: in (0, 1)");
        }
        if (minStreet < 1 || minDistrict < 1 || minRatio < 1 || weeks < 1 || !(decay > 0 && decay <= 1)) {
            throw new IllegalArgumentException("minimums ≥ 1, weeks ≥ 1, decay in (0, 1]");
        }
        if (!(size > 0) || !(priorWeeks >= 0) || !(floorPerHour > 0)) {
            throw new IllegalArgumentException("size > 0, priorWeeks ≥ 0, floorPerHour > 0");
        }
    }

    /** The defaults, tuned on the simulator's training seed (BENCHMARKS.md, issue 16). */
    public static HotspotPolicy defaults() {
        return new HotspotPolicy(3e-7, 0.01, 3, 5, 2.0, 10, 8, 0.7, 4, 1e-3);
    }

    int minCount(HotspotKey.Level level) {
        return level == HotspotKey.Level.STREET ? minStreet : minDistrict;
    }
}

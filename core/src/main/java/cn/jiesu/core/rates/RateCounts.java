package cn.jiesu.core.rates;

/**
 * The counters behind 三率 for one scope (overall, a district, a street) and a set of days, and the rates.
 *
 * <p>The formulas (days are local dates in Asia/Shanghai):
 * <ul>
 *   <li><b>响应率</b> (response rate) = {@code respondedInTime / due}. {@code due}: appeals whose response deadline
 *       (receivedAt + the SLA of their urgency tier) falls in the period. {@code respondedInTime}: those of them
 *       whose first response (the first answered callback of any kind, or a reported resolution, whichever came
 *       first) came at or before that deadline. Counted on the deadline's day, so the rate of a period that has
 *       not ended is provisional.</li>
 *   <li><b>解决率</b> (resolution rate) = {@code resolved / handled}. {@code handled}: appeals with a resolution
 *       reported in the period (first report's day; once per appeal). {@code resolved}: those reported as
 *       resolved (a later report for the same appeal can change resolved, counted on the first report's day).</li>
 *   <li><b>满意率</b> (satisfaction rate) = {@code (satisfied + basicallySatisfied) / surveyed}, with
 *       {@code surveyed = satisfied + basicallySatisfied + dissatisfied}: appeals whose survey got a rating in the
 *       period (rating day; the latest rating of an appeal counts, once). NO_RESPONSE after the last attempt is
 *       counted in {@code noResponse} and is not in the denominator.</li>
 * </ul>
 * A rate whose denominator is zero is undefined (null), not 0 or 100 %. {@code received}: appeals received in the
 * period (receipt day, once per appeal), the volume the monthly ranking publishes beside the rates.
 */
public record RateCounts(
        long due,
        long respondedInTime,
        long handled,
        long resolved,
        long satisfied,
        long basicallySatisfied,
        long dissatisfied,
        long noResponse,
        long received) {
    public static final RateCounts ZERO = new RateCounts(0, 0, 0, 0, 0, 0, 0, 0, 0);

    /** These counts with 响应率's due and in-time counts taken from {@code other} (a shorter span of days). */
    public RateCounts withResponseOf(RateCounts other) {
        return new RateCounts(
                other.due,
                other.respondedInTime,
                handled,
                resolved,
                satisfied,
                basicallySatisfied,
                dissatisfied,
                noResponse,
                received);
    }

    /** Counts of appeals received before the volume was counted (or not counting it): received 0. */
    public RateCounts(
            long due,
            long respondedInTime,
            long handled,
            long resolved,
            long satisfied,
            long basicallySatisfied,
            long dissatisfied,
            long noResponse) {
        this(due, respondedInTime, handled, resolved, satisfied, basicallySatisfied, dissatisfied, noResponse, 0);
    }

    public long surveyed() {
        return satisfied + basicallySatisfied + dissatisfied;
    }

    public RateCounts plus(RateCounts o) {
        return new RateCounts(
                due + o.due,
                respondedInTime + o.respondedInTime,
                handled + o.handled,
                resolved + o.resolved,
                satisfied + o.satisfied,
                basicallySatisfied + o.basicallySatisfied,
                dissatisfied + o.dissatisfied,
                noResponse + o.noResponse,
                received + o.received);
    }

    /** 响应率, or null when nothing was due. */
    public Double responseRate() {
        return ratio(respondedInTime, due);
    }

    /** 解决率, or null when nothing was handled. */
    public Double resolutionRate() {
        return ratio(resolved, handled);
    }

    /** 满意率, or null when nobody rated. */
    public Double satisfactionRate() {
        return ratio(satisfied + basicallySatisfied, surveyed());
    }

    private static Double ratio(long num, long den) {
        return den <= 0 ? null : Math.min(1.0, Math.max(0.0, (double) num / den));
    }
}

package cn.jiesu.core.rates;

import cn.jiesu.core.appeal.Satisfaction;
import cn.jiesu.core.callback.Resolution;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionStage;

/**
 * The 三率 counters per day and scope (overall, district, street), and each appeal's resolution and rating (the
 * storage port; Redis implements it). Events count at most once per appeal, so at-least-once delivery is safe.
 * Thread-safe, non-blocking; failures are {@link cn.jiesu.core.appeal.AppealStoreException}s.
 */
public interface RateStore {

    /**
     * The appeal was received at {@code at}: counted once, on that day, in {@code received} (the ranking's volume).
     */
    CompletionStage<Boolean> received(String intakeId, RateScope scope, Instant at);

    /** The appeal is due (its response deadline) at {@code dueAt}: counts in 响应率's denominator on that day. */
    CompletionStage<Boolean> due(String intakeId, RateScope scope, Instant dueAt);

    /** A response reached the citizen (an answered callback, or a resolution); only the first one counts. */
    CompletionStage<Boolean> responded(String intakeId, RateScope scope, Instant at);

    /** Records a resolution (kept for the API) and counts it for 解决率; it is also a response. */
    CompletionStage<Boolean> resolved(Resolution r, RateScope scope);

    /** Stores the survey's answer on the appeal and counts it for 满意率 (NO_RESPONSE is kept apart). */
    CompletionStage<Boolean> rated(String intakeId, RateScope scope, Satisfaction s, Instant at);

    /**
     * The appeal was placed anew (a phone appeal placed once the agent's form gave its address, an address
     * corrected): what it counted so far moves to {@code scope} on the days it was counted, so a street's rates
     * hold all of its appeals. True when something moved.
     */
    CompletionStage<Boolean> rescope(String intakeId, RateScope scope);

    /** Resolution and rating of an appeal, when any was recorded. */
    CompletionStage<Optional<AppealResult>> result(String intakeId);

    /**
     * The counters of a period for one scope.
     *
     * @param district null for overall
     * @param street   null for the whole district (ignored without a district)
     */
    CompletionStage<RateCounts> counts(RatePeriod period, LocalDate date, String district, String street);

    /**
     * The counters of the days {@code from} to {@code to} (both included) for one scope: a period cut short, such as
     * a month so far.
     *
     * @param district null for overall
     * @param street   null for the whole district (ignored without a district)
     */
    CompletionStage<RateCounts> counts(LocalDate from, LocalDate to, String district, String street);

    /** Every district that has counts, for per-district reports. */
    CompletionStage<List<String>> districts();

    /**
     * Every street scope that has counts, as (district, street); appeals placed in a district only count under the
     * street {@value RateScope#UNKNOWN}, unplaced ones under ({@value RateScope#UNKNOWN}, {@value RateScope#UNKNOWN}).
     */
    CompletionStage<List<RateScope>> streets();
}

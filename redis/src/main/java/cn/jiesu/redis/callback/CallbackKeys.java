package cn.jiesu.redis.callback;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;

/**
 * Every Redis key of the callback schedule and the 三率 counters, from the configured prefix. Immutable.
 *
 * <p>With the default prefix: {@code jiesu:cb:{id}} (hash: the callback, its lease and attempt history),
 * {@code jiesu:cb:delayed} (zset by notBefore), {@code jiesu:cb:ready} and {@code jiesu:cb:ready:em} (zsets by
 * placeBy: placeable non-emergency / emergency callbacks), {@code jiesu:cb:leases} (zset by lease expiry),
 * {@code jiesu:cb:open} (zset of every open callback by placeBy), {@code jiesu:cb:risk} (zset, at risk, by placeBy),
 * {@code jiesu:cb:trunks} (zset: the trunk semaphore, member = attempt ChannelId, score = slot expiry),
 * {@code jiesu:cb:agents:{queue}} (zset: agent reservations of agent-first attempts), {@code jiesu:cb:intake:{id}}
 * (set: every callback of an appeal), {@code jiesu:cb:phone:{digits}} (zset: open callbacks of a number),
 * {@code jiesu:cb:key:{intakeId}:{digits}} (string: the one open callback of an appeal and number),
 * {@code jiesu:cb:meta:{intakeId}} (hash: resolution and satisfaction), {@code jiesu:cb:risk-lock},
 * {@code jiesu:rates:{yyyyMMdd}:{scope}} (hash: 三率 counters of a day; scope {@code all}, {@code d:{district}} or
 * {@code s:{district}/{street}}), {@code jiesu:rates:appeal:{intakeId}} (hash: what was counted for an appeal).
 */
public final class CallbackKeys {
    private static final DateTimeFormatter DAY = DateTimeFormatter.BASIC_ISO_DATE;

    private final String p;

    public CallbackKeys(String prefix) {
        if (prefix == null || prefix.isEmpty()) {
            throw new IllegalArgumentException("prefix: required");
        }
        this.p = prefix;
    }

    public String callback(String id) {
        return callbackPrefix() + id;
    }

    public String callbackPrefix() {
        return p + "cb:";
    }

    public String delayed() {
        return p + "cb:delayed";
    }

    public String ready() {
        return p + "cb:ready";
    }

    public String readyEmergency() {
        return p + "cb:ready:em";
    }

    public String leases() {
        return p + "cb:leases";
    }

    public String open() {
        return p + "cb:open";
    }

    public String risk() {
        return p + "cb:risk";
    }

    public String riskLock() {
        return p + "cb:risk-lock";
    }

    public String trunks() {
        return p + "cb:trunks";
    }

    public String agents(String queue) {
        return agentsPrefix() + queue;
    }

    public String agentsPrefix() {
        return p + "cb:agents:";
    }

    public String byIntake(String intakeId) {
        return p + "cb:intake:" + intakeId;
    }

    public String byPhone(String digits) {
        return p + "cb:phone:" + digits;
    }

    public String openKey(String intakeId, String digits) {
        return p + "cb:key:" + intakeId + ":" + digits;
    }

    public String meta(String intakeId) {
        return p + "cb:meta:" + intakeId;
    }

    public String ratesPrefix() {
        return p + "rates:";
    }

    public String rates(LocalDate day, String scope) {
        return ratesPrefix() + day.format(DAY) + ":" + scope;
    }

    public String rateAppeal(String intakeId) {
        return ratesPrefix() + "appeal:" + intakeId;
    }

    public static String day(LocalDate day) {
        return day.format(DAY);
    }
}

package cn.jiesu.gateway.console;

import cn.jiesu.core.config.ConfigNode;

/**
 * The names of the meters the wallboard reads from the gateway's registry, the same ones /metrics exposes, so the
 * wallboard and Prometheus always agree. A meter that is not registered (its module is not wired, e.g. no phone
 * line) shows as "not available" rather than 0. The defaults in config/jiesu.yaml are the names the gateway
 * registers; {@code WallboardMetersIT} checks each against a running gateway.
 *
 * @param callsInIvr       gauge: calls in the IVR menus ({@code calls.in.ivr}, the AMI call tracker)
 * @param queueWaiting     gauge tagged {@code queue}: callers waiting per queue
 * @param queueLongestWait gauge tagged {@code queue}: seconds the longest caller has waited
 * @param callbacksDue     gauge: 待回访, open callbacks in the shared schedule ({@code callbacks.pending})
 * @param callbacksAtRisk  gauge: callbacks forecast to miss their deadline
 * @param appeals          counter tagged {@code channel} (and {@code result=new}): appeals appended
 * @param appealsByTier    counter tagged {@code urgency}: new appeals appended per tier ({@code intake.appended.tier})
 * @param rates            prefix of the 三率 gauges {@code <rates>.response|resolution|satisfaction} tagged
 *                         {@code period}; the wallboard shows {@code period=day}, values in [0,1]
 * @param triageReview     gauge: appeals whose tier an agent has still to confirm ({@code triage.review.open})
 * @param queueAnswered    counter tagged {@code queue} and {@code within_sl}: queue calls answered, within 15 s or
 *                         not ({@code queue.answered}, the call tracker)
 * @param queueAbandoned   counter tagged {@code queue}: callers who hung up waiting ({@code queue.abandoned})
 * @param queueAnswerWait  timer tagged {@code queue}: how long answered callers waited ({@code queue.answer.wait})
 * @param queueAgents      gauge tagged {@code state}: agents as Asterisk sees them, on_call / wrap_up / paused /
 *                         ready / unavailable ({@code queue.agents})
 * @param emergencyQueue   not a meter: the {@code queue} tag of the emergency queue ({@code priority}, Asterisk's
 *                         {@code hotline-priority}), shown red whenever callers wait in it
 */
public record WallboardMeters(
        String callsInIvr,
        String queueWaiting,
        String queueLongestWait,
        String callbacksDue,
        String callbacksAtRisk,
        String appeals,
        String appealsByTier,
        String rates,
        String triageReview,
        String queueAnswered,
        String queueAbandoned,
        String queueAnswerWait,
        String queueAgents,
        String emergencyQueue) {

    static WallboardMeters from(ConfigNode t) {
        String p = "console.wallboard.";
        return new WallboardMeters(
                t.string(p + "calls-in-ivr"),
                t.string(p + "queue-waiting"),
                t.string(p + "queue-longest-wait"),
                t.string(p + "callbacks-due"),
                t.string(p + "callbacks-at-risk"),
                t.string(p + "appeals"),
                t.string(p + "appeals-by-tier"),
                t.string(p + "rates"),
                t.string(p + "triage-review"),
                t.string(p + "queue-answered"),
                t.string(p + "queue-abandoned"),
                t.string(p + "queue-answer-wait"),
                t.string(p + "queue-agents"),
                t.string(p + "emergency-queue"));
    }
}

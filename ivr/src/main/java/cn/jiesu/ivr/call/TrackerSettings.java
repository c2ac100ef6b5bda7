package cn.jiesu.ivr.call;

import java.time.Duration;
import java.util.Objects;
import java.util.Set;

/**
 * How the call tracker recognises hotline calls and when it closes them.
 *
 * @param dnis             the hotline number; a call is inbound once a channel of it reaches
 *                         {@code inboundContext,dnis} in the dialplan
 * @param queuePrefix      Asterisk queue names are this prefix plus the IVR's queue name ({@code hotline-general})
 * @param queues           the IVR's queue names (a small fixed set: metrics are tagged by it)
 * @param outboundIdPrefix the ChannelId prefix our own Originates use; such Linkedids are never inbound calls
 * @param endGrace         how long after the last channel's Hangup late events may still arrive
 * @param endedMemory      how long an ended Linkedid is remembered so that stragglers cannot reopen it
 * @param publishInterval  how often at most the read-only board is rebuilt
 * @param ivrScript        the FastAGI script of the inbound IVR ({@code AGI(agi://host:port/ivr)}): a channel that
 *                         runs it is the IVR's, wherever in the dialplan it is
 */
public record TrackerSettings(
        String dnis,
        String inboundContext,
        String queuePrefix,
        Set<String> queues,
        String outboundIdPrefix,
        Duration endGrace,
        Duration endedMemory,
        Duration publishInterval,
        String ivrScript) {
    public static final String DEFAULT_DNIS = "12345";
    public static final String DEFAULT_INBOUND_CONTEXT = "public";
    public static final String DEFAULT_QUEUE_PREFIX = "hotline-";
    public static final Set<String> DEFAULT_QUEUES = Set.of("priority", "general");
    public static final String DEFAULT_OUTBOUND_ID_PREFIX = "jiesu-ob-";
    public static final Duration DEFAULT_END_GRACE = Duration.ofMillis(750);
    public static final Duration DEFAULT_ENDED_MEMORY = Duration.ofMinutes(15);
    public static final Duration DEFAULT_PUBLISH_INTERVAL = Duration.ofMillis(200);
    public static final String DEFAULT_IVR_SCRIPT = "ivr";

    public static final TrackerSettings DEFAULTS = new TrackerSettings(
            DEFAULT_DNIS,
            DEFAULT_INBOUND_CONTEXT,
            DEFAULT_QUEUE_PREFIX,
            DEFAULT_QUEUES,
            DEFAULT_OUTBOUND_ID_PREFIX,
            DEFAULT_END_GRACE,
            DEFAULT_ENDED_MEMORY,
            DEFAULT_PUBLISH_INTERVAL,
            DEFAULT_IVR_SCRIPT);

    public TrackerSettings {
        Objects.requireNonNull(dnis, "dnis");
        Objects.requireNonNull(inboundContext, "inboundContext");
        Objects.requireNonNull(queuePrefix, "queuePrefix");
        Objects.requireNonNull(outboundIdPrefix, "outboundIdPrefix");
        Objects.requireNonNull(ivrScript, "ivrScript");
        queues = Set.copyOf(queues);
        if (endGrace.isNegative() || endedMemory.isNegative() || publishInterval.isNegative()) {
            throw new IllegalArgumentException("tracker durations must not be negative");
        }
    }

    /** The IVR's name for an Asterisk queue: {@code hotline-general} → {@code general}. */
    public String queueName(String asteriskQueue) {
        if (asteriskQueue == null) {
            return null;
        }
        return asteriskQueue.startsWith(queuePrefix) ? asteriskQueue.substring(queuePrefix.length()) : asteriskQueue;
    }

    /**
     * A dialplan step that runs the inbound IVR: {@code AGI} with {@code agi://host[:port]/<ivrScript>}, with or
     * without a query string or further AGI arguments.
     */
    public boolean runsIvr(String application, String appData) {
        if (!"AGI".equalsIgnoreCase(application) || appData == null) {
            return false;
        }
        int scheme = appData.indexOf("://");
        int slash = scheme < 0 ? -1 : appData.indexOf('/', scheme + 3);
        if (slash < 0) {
            return false;
        }
        int end = slash + 1;
        while (end < appData.length() && "?,".indexOf(appData.charAt(end)) < 0) {
            end++;
        }
        return appData.substring(slash + 1, end).equals(ivrScript);
    }

    public TrackerSettings withEndGrace(Duration grace) {
        return new TrackerSettings(
                dnis,
                inboundContext,
                queuePrefix,
                queues,
                outboundIdPrefix,
                grace,
                endedMemory,
                publishInterval,
                ivrScript);
    }

    public TrackerSettings withPublishInterval(Duration interval) {
        return new TrackerSettings(
                dnis,
                inboundContext,
                queuePrefix,
                queues,
                outboundIdPrefix,
                endGrace,
                endedMemory,
                interval,
                ivrScript);
    }
}

package cn.jiesu.ivr.ami;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * An async Originate to a dialplan extension (not an application: only extensions get a CDR). Our calls carry a
 * ChannelId starting with {@link #CHANNEL_ID_PREFIX}: the call's Uniqueid and Linkedid are known before it exists,
 * a failed Originate can be matched even though Asterisk then reports {@code Uniqueid: <unknown>}, and the call
 * tracker never mistakes our own calls for inbound ones.
 *
 * @param channel   what to dial, e.g. {@code PJSIP/13800138000@trunk} or {@code Local/answer@callee-sim}
 * @param ringTimeout how long to ring before giving up (Originate {@code Timeout})
 * @param callerId  CallerID shown to the callee, e.g. {@code "12345 Hotline" <12345>}
 * @param variables channel variables for the dialplan (e.g. TICKET)
 * @param channelId the ChannelId (Uniqueid) to give the call; must start with {@link #CHANNEL_ID_PREFIX}
 */
public record OriginateRequest(
        String channel,
        String context,
        String exten,
        int priority,
        String callerId,
        Map<String, String> variables,
        Duration ringTimeout,
        String channelId) {
    public static final String CHANNEL_ID_PREFIX = "jiesu-ob-";
    public static final Duration DEFAULT_RING_TIMEOUT = Duration.ofSeconds(30);

    public OriginateRequest {
        require(channel, "channel");
        require(context, "context");
        require(exten, "exten");
        require(channelId, "channelId");
        if (!channelId.startsWith(CHANNEL_ID_PREFIX)) {
            throw new IllegalArgumentException("channelId: must start with " + CHANNEL_ID_PREFIX);
        }
        if (channelId.length() > 100) {
            throw new IllegalArgumentException("channelId: longer than 100 characters");
        }
        if (priority < 1) {
            throw new IllegalArgumentException("priority: must be >= 1");
        }
        Objects.requireNonNull(ringTimeout, "ringTimeout");
        variables = variables == null ? Map.of() : Map.copyOf(new LinkedHashMap<>(variables));
    }

    /** A request with priority 1, the default ring timeout and a ChannelId made from {@code callId}. */
    public static OriginateRequest toExtension(
            String channel,
            String context,
            String exten,
            String callerId,
            Map<String, String> variables,
            String callId) {
        return new OriginateRequest(
                channel, context, exten, 1, callerId, variables, DEFAULT_RING_TIMEOUT, CHANNEL_ID_PREFIX + callId);
    }

    private static void require(String v, String name) {
        if (v == null || v.isBlank()) {
            throw new IllegalArgumentException(name + ": required");
        }
    }
}

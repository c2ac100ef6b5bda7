package cn.jiesu.ivr.call;

import cn.jiesu.ivr.dialplan.DialplanVariables;
import java.time.Instant;
import java.util.List;

/**
 * What a CoreShowChannels listing tells about a call: refreshes a tracked call, or adopts a call that started while
 * we could not see events. A listing shows only the present, so adopted calls get approximate times: the start is
 * the oldest channel's creation, and a queued caller's wait comes from QueueStatus or, without it, is taken from
 * the call's start (an over-estimate, the safe side for wallboard alarms).
 */
final class CallAdoption {
    private CallAdoption() {}

    /**
     * The adopted call, or null when the Linkedid is not an inbound hotline call: none of its channels is at
     * {@code public,12345}, in a hotline queue, or carries the IVR's variables; or it is one of our Originates.
     */
    static TrackedCall adopt(
            String linkedid, List<ListedChannel> listed, TrackerSettings settings, long token, Instant at) {
        if (linkedid.startsWith(settings.outboundIdPrefix()) || !isInbound(listed, settings)) {
            return null;
        }
        long age = listed.stream().mapToLong(ListedChannel::ageS).max().orElse(0);
        Instant started = at.minusSeconds(age);
        TrackedCall c = new TrackedCall(linkedid, false, started);
        c.lastSeen = at;
        c.lastToken = token;
        c.enter(callerOf(listed, settings).channel(), started);
        c.adopted = true;
        refresh(c, listed, settings, at);
        return c;
    }

    /** Takes what the listing shows about a tracked call's channels: live ones, variables, queue, agent bridge. */
    static void refresh(TrackedCall c, List<ListedChannel> listed, TrackerSettings settings, Instant at) {
        for (ListedChannel lc : listed) {
            ChannelInfo ch = lc.channel();
            if (!c.gone.contains(ch.uniqueid())) {
                c.live.put(ch.uniqueid(), c.live.getOrDefault(ch.uniqueid(), 0L));
            }
            c.facts(ch, at);
        }
        for (ListedChannel lc : listed) {
            ChannelInfo ch = lc.channel();
            if (c.isCallerSide(ch)) {
                if ("Queue".equalsIgnoreCase(lc.application()) && c.queuedAt == null) {
                    c.joined(
                            queueOf(lc.appData()),
                            lc.queueWaitS() != null ? at.minusSeconds(lc.queueWaitS()) : c.startedAt());
                }
                if (lc.bridgeId() != null) {
                    c.callerBridge = lc.bridgeId();
                }
            } else if (lc.bridgeId() != null && AgentExtension.onChannel(ch, settings) != null) {
                c.agentBridges.put(lc.bridgeId(), AgentExtension.onChannel(ch, settings));
            }
        }
        if (c.callerBridge != null && c.agentBridges.containsKey(c.callerBridge)) {
            c.connected(c.agentBridges.get(c.callerBridge), at);
        }
    }

    private static boolean isInbound(List<ListedChannel> listed, TrackerSettings settings) {
        for (ListedChannel lc : listed) {
            ChannelInfo ch = lc.channel();
            if (ch.isAt(settings.inboundContext(), settings.dnis())
                    || settings.runsIvr(lc.application(), lc.appData())
                    || ch.vars().containsKey(DialplanVariables.LANG)
                    || ch.vars().containsKey(DialplanVariables.PATH)
                    || ch.vars().containsKey(DialplanVariables.ROUTE)
                    || "Queue".equalsIgnoreCase(lc.application())
                            && lc.appData() != null
                            && lc.appData().startsWith(settings.queuePrefix())) {
                return true;
            }
        }
        return false;
    }

    /** The channel serving the caller as far as a listing shows: the IVR's, the queued one, else the first. */
    private static ListedChannel callerOf(List<ListedChannel> listed, TrackerSettings settings) {
        for (ListedChannel lc : listed) {
            ChannelInfo ch = lc.channel();
            if (settings.runsIvr(lc.application(), lc.appData())
                    || "Queue".equalsIgnoreCase(lc.application())
                    || ch.vars().containsKey(DialplanVariables.PATH)
                    || ch.vars().containsKey(DialplanVariables.LANG)) {
                return lc;
            }
        }
        for (ListedChannel lc : listed) {
            if (lc.channel().isAt(settings.inboundContext(), settings.dnis())) {
                return lc;
            }
        }
        return listed.getFirst();
    }

    static String queueOf(String queueAppData) {
        if (queueAppData == null || queueAppData.isBlank()) {
            return null;
        }
        int comma = queueAppData.indexOf(',');
        return comma < 0
                ? queueAppData.trim()
                : queueAppData.substring(0, comma).trim();
    }
}

package cn.jiesu.ivr.call;

import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * What the call tracker learns from Asterisk: the AMI events it needs, as immutable records, plus the markers the
 * AMI connector puts into the same stream (session and reconcile boundaries). Everything else Asterisk sends is
 * dropped by the translators before it becomes a {@code CallEvent}.
 */
public sealed interface CallEvent {

    /** When it happened: the event's AMI {@code Timestamp} when Asterisk sends one, else when it was read. */
    Instant at();

    /** An event about one channel of a call; {@link ChannelInfo#linkedid()} names the call. */
    sealed interface OnChannel extends CallEvent {
        ChannelInfo channel();
    }

    /** Newchannel. */
    record ChannelCreated(Instant at, ChannelInfo channel) implements OnChannel {}

    /** Newstate (ringing, up ...). */
    record ChannelStateChanged(Instant at, ChannelInfo channel) implements OnChannel {}

    /** Newexten: the channel runs {@code application} at its context/exten. */
    record DialplanStep(Instant at, ChannelInfo channel, String application, String appData) implements OnChannel {}

    /** VarSet of one of the tracked variables (the IVR contract's {@code JIESU_*}). */
    record VariableSet(Instant at, ChannelInfo channel, String name, String value) implements OnChannel {}

    /** QueueCallerJoin; {@code queue} is the Asterisk queue name (e.g. {@code hotline-general}). */
    record QueueJoined(Instant at, ChannelInfo channel, String queue, int position) implements OnChannel {}

    /** QueueCallerLeave: answered, abandoned or timed out; the other events say which. */
    record QueueLeft(Instant at, ChannelInfo channel, String queue) implements OnChannel {}

    /** QueueCallerAbandon: the caller hung up while waiting. */
    record QueueAbandoned(Instant at, ChannelInfo channel, String queue, int holdTimeS) implements OnChannel {}

    /** AgentCalled: a queue member's phone rings for this caller. */
    record AgentOffered(Instant at, ChannelInfo channel, String queue, String agentInterface, String agentChannel)
            implements OnChannel {}

    /** AgentRingNoAnswer: the member did not pick up. */
    record AgentMissed(Instant at, ChannelInfo channel, String queue, String agentInterface) implements OnChannel {}

    /** AgentConnect: the member answered and is bridged to the caller. */
    record AgentConnected(
            Instant at, ChannelInfo channel, String queue, String agentInterface, String agentChannel, int holdTimeS)
            implements OnChannel {}

    /** AgentComplete: the conversation ended; {@code reason} is caller, agent or transfer. */
    record AgentCompleted(
            Instant at, ChannelInfo channel, String queue, String agentInterface, int talkTimeS, String reason)
            implements OnChannel {}

    /** DialBegin; {@code channel} is the dialled channel, {@code callerUniqueid} null for an Originate. */
    record DialStarted(Instant at, ChannelInfo channel, String callerUniqueid, String dialString)
            implements OnChannel {}

    /** DialEnd with its DialStatus (ANSWER, BUSY, NOANSWER ...). */
    record DialEnded(Instant at, ChannelInfo channel, String callerUniqueid, String dialStatus) implements OnChannel {}

    /** BridgeEnter. */
    record BridgeEntered(Instant at, ChannelInfo channel, String bridgeId) implements OnChannel {}

    /** BridgeLeave. */
    record BridgeLeft(Instant at, ChannelInfo channel, String bridgeId) implements OnChannel {}

    /** Hangup with its Q.850 cause. */
    record HungUp(Instant at, ChannelInfo channel, int cause, String causeText) implements OnChannel {}

    /**
     * OriginateResponse of an async Originate, correlated by {@code actionId} (our ActionID without Asterisk-Java's
     * internal prefix); {@code uniqueid} is null when Asterisk says {@code <unknown>} (a failed Originate).
     */
    record OriginateResponded(
            Instant at, String actionId, boolean success, int reason, String uniqueid, String channelName)
            implements CallEvent {}

    /** QueueMemberAdded, QueueMemberStatus or QueueMemberPause: a queue member's whole state now. */
    record QueueMemberChanged(Instant at, QueueMember member) implements CallEvent {}

    /** QueueMemberRemoved: the member left the queue (logged out). */
    record QueueMemberRemoved(Instant at, String queue, String memberInterface) implements CallEvent {}

    /**
     * The QueueStatus of the reconcile started by the mark with {@code token}: every queue Asterisk has (including
     * empty ones) and every member of each.
     */
    record QueueMembersListed(Instant at, long token, Set<String> queues, List<QueueMember> members)
            implements CallEvent {
        public QueueMembersListed {
            queues = Set.copyOf(queues);
            members = List.copyOf(members);
        }
    }

    /** FullyBooted: Asterisk (re)started or our login completed. */
    record AsteriskBooted(Instant at) implements CallEvent {}

    /** Shutdown: Asterisk is going down; every call will end without further events. */
    record AsteriskShutdown(Instant at, boolean restart) implements CallEvent {}

    /**
     * Marker put into the stream before a reconcile: events after it are known to be complete, so a call seen
     * after the mark is alive. {@code cause} says why (reconnect, events lost, periodic check).
     */
    record ReconcileMark(Instant at, long token, String cause) implements CallEvent {}

    /** The result of CoreShowChannels for the reconcile started by the mark with {@code token}. */
    record ChannelsListed(Instant at, long token, List<ListedChannel> channels) implements CallEvent {
        public ChannelsListed {
            channels = List.copyOf(channels);
        }
    }
}

package cn.jiesu.ivr.call;

import java.util.Objects;

/**
 * One active channel from a CoreShowChannels listing, used to reconcile the tracker after a gap.
 *
 * @param application the application the channel runs now (e.g. {@code AGI}, {@code Queue}), or null
 * @param bridgeId    the bridge the channel is in, or null
 * @param ageS        seconds since the channel was created
 * @param queueWaitS  seconds the caller has waited in a queue (QueueStatus), or null when not queued / unknown
 */
public record ListedChannel(
        ChannelInfo channel, String application, String appData, String bridgeId, long ageS, Long queueWaitS) {
    public ListedChannel {
        Objects.requireNonNull(channel, "channel");
    }

    public ListedChannel withQueueWait(Long seconds) {
        return new ListedChannel(channel, application, appData, bridgeId, ageS, seconds);
    }
}

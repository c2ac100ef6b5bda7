package cn.jiesu.core.hotspot;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletionStage;

/**
 * What the API, the wallboard and the agent console read: the open hotspots and those closed lately, shared by every
 * gateway instance (Redis implements it over the detector's store). Non-blocking.
 */
public interface HotspotBoard {
    /**
     * The open hotspots and those closed within {@code closedWithin}, open ones first, then by latest appeal, newest
     * first.
     */
    CompletionStage<List<HotspotView>> current(Duration closedWithin);
}

package cn.jiesu.core.hotspot;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Where the detector keeps its state, shared by every gateway instance that runs one. Every write is an
 * increment or an append (Redis: {@code HINCRBY} on a hash per key and resolution, {@code ZADD} for recent ids,
 * {@code SET NX} to open), never a read-modify-write of a whole object, so two instances can observe appeals of
 * the same key at once and the counts add up. Implementations expire slots after {@link Resolution#retention()}.
 */
public interface HotspotStore {
    /** Adds {@code n} to the key's count in one slot. */
    void add(HotspotKey key, Resolution resolution, long slot, long n);

    /** The key's counts in {@code n} consecutive slots from {@code fromSlot}; 0 for slots never written. */
    long[] counts(HotspotKey key, Resolution resolution, long fromSlot, int n);

    /** Slots {@code fromSlot..toSlot} of a key at a resolution, as {@link #prefetch} takes them. */
    record SlotRange(HotspotKey key, Resolution resolution, long fromSlot, long toSlot) {}

    /**
     * A hint before a batch of appeals: the detector is about to read these slots (and the keys' closed hotspots).
     * A store that reads remotely fetches what it lacks in one round trip; in memory nothing to do.
     */
    default void prefetch(List<SlotRange> ranges) {}

    /** Remembers an appeal of the key for 24 h, so that a hotspot opening can list the appeals of its window. */
    void remember(HotspotKey key, String appealId, Instant at);

    /** The remembered appeals of the key at or after {@code from}, oldest first. */
    List<HotspotMember> recent(HotspotKey key, Instant from);

    /** Opens a hotspot unless one is open on its key (Redis: {@code SET NX}); true if this call opened it. */
    boolean open(OpenHotspot hotspot, List<HotspotMember> members);

    /** The open hotspot on the key, if any. */
    Optional<OpenHotspot> find(HotspotKey key);

    /** Appends an appeal to the key's open hotspot (idempotent per appeal id). */
    void join(HotspotKey key, HotspotMember member);

    /** The appeals of the key's open hotspot, in the order they joined. */
    List<HotspotMember> members(HotspotKey key);

    /**
     * Closes the hotspot if it is still the one open on its key; true if this call closed it. Its appeals stay
     * readable through {@link #closedMembers} for 24 h (Redis: the members' sorted set gets an expiry).
     */
    boolean close(OpenHotspot hotspot, Instant closedAt);

    /** The appeals at or after {@code from} of hotspots that closed on the key in the last 24 h. */
    List<HotspotMember> closedMembers(HotspotKey key, Instant from);

    /** Every open hotspot. */
    List<OpenHotspot> openHotspots();

    /**
     * Waits until the writes made so far are applied, and throws if any failed. A store may send writes without
     * waiting (Redis); a caller that acknowledges work after observing (a stream consumer) calls this first.
     */
    default void flush() {}

    /**
     * Marks the writes that follow (until the next call) as one appeal's. A write-behind store applies them in a
     * later {@link #flush()} together with the appeal's observed-once marker, so a redelivered appeal is never
     * counted twice and one whose flush failed is counted on redelivery. The stage completes when they are applied:
     * true, or false when the appeal had been counted before (its writes are dropped); it fails when the flush
     * failed. In memory: true at once.
     */
    default CompletionStage<Boolean> observing(String appealId) {
        return CompletableFuture.completedFuture(true);
    }

    /**
     * {@link #observing(String)} for a store that also logs what it observed (the detecting instance's, which
     * rebuilds its windows from that log): the appeal itself and whether it is {@code live} (tested) or history.
     */
    default CompletionStage<Boolean> observing(HotspotAppeal appeal, boolean live) {
        return observing(appeal.appealId());
    }
}

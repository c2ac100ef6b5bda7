package cn.jiesu.ivr.ami;

import java.util.Map;

/**
 * Hands what {@link WireTap} saw of each numbered event (its channel variables and raw ActionID) from Asterisk-Java's
 * reader thread to the listener on Asterisk-Java's dispatch thread, keyed by the sequence number the tap injected.
 * No locking: the reader writes a slot before it hands the event to Asterisk-Java's dispatch queue, which orders the
 * write before the listener's read. 65,536 slots outlast Asterisk-Java's 20,000-event queue.
 */
final class EventRing {
    /** What the tap kept of one event. */
    record Tapped(Map<String, String> vars, String actionId) {
        static final Tapped NONE = new Tapped(Map.of(), null);
    }

    private static final int SIZE = 1 << 16;
    private static final int MASK = SIZE - 1;

    private final int[] seqs = new int[SIZE];
    private final Tapped[] slots = new Tapped[SIZE];
    private int last;

    /**
     * The next sequence number (1, 2, ... wrapping to 1); kept here rather than in the tap so that numbering goes on
     * across Asterisk-Java's own reconnects of the same connection. Reader thread only.
     */
    int next() {
        last = last == Integer.MAX_VALUE ? 1 : last + 1;
        return last;
    }

    void put(int seq, Map<String, String> vars, String actionId) {
        int i = seq & MASK;
        slots[i] =
                vars == null && actionId == null ? Tapped.NONE : new Tapped(vars == null ? Map.of() : vars, actionId);
        seqs[i] = seq;
    }

    /** What the tap kept of event {@code seq}; {@link Tapped#NONE} when nothing, or when its slot was reused. */
    Tapped take(Integer seq) {
        if (seq == null) {
            return Tapped.NONE;
        }
        int i = seq & MASK;
        Tapped t = slots[i];
        return seqs[i] != seq || t == null ? Tapped.NONE : t;
    }
}

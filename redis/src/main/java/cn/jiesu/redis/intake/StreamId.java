package cn.jiesu.redis.intake;

/**
 * A Redis stream entry id {@code <ms>-<seq>}, both parts unsigned 64-bit, ordered the way Redis orders them.
 *
 * @param millis   the millisecond part (unsigned)
 * @param sequence the sequence part (unsigned)
 */
public record StreamId(long millis, long sequence) implements Comparable<StreamId> {
    public static final StreamId ZERO = new StreamId(0, 0);

    /** Parses {@code 1700000000000-3}; a bare {@code 1700000000000} means sequence 0. */
    public static StreamId parse(String id) {
        if (id == null || id.isEmpty()) {
            throw new IllegalArgumentException("stream id: required");
        }
        int dash = id.indexOf('-');
        try {
            return dash < 0
                    ? new StreamId(Long.parseUnsignedLong(id), 0)
                    : new StreamId(
                            Long.parseUnsignedLong(id.substring(0, dash)),
                            Long.parseUnsignedLong(id.substring(dash + 1)));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("stream id: not <ms>-<seq>: " + id, e);
        }
    }

    /** The smallest id of millisecond {@code millis}. */
    public static StreamId ofMillis(long millis) {
        return new StreamId(millis, 0);
    }

    /** The smallest id greater than this one. */
    public StreamId next() {
        return sequence == -1L ? new StreamId(millis + 1, 0) : new StreamId(millis, sequence + 1);
    }

    public static StreamId min(StreamId a, StreamId b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    @Override
    public int compareTo(StreamId o) {
        int c = Long.compareUnsigned(millis, o.millis);
        return c != 0 ? c : Long.compareUnsigned(sequence, o.sequence);
    }

    @Override
    public String toString() {
        return Long.toUnsignedString(millis) + "-" + Long.toUnsignedString(sequence);
    }
}

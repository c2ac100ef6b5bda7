package cn.jiesu.redis.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class TrimPointTest {
    private static final Instant NOW = Instant.ofEpochMilli(1_800_000_000_000L);
    private static final Duration RETENTION = Duration.ofDays(30);
    private static final long RETENTION_EDGE = NOW.minus(RETENTION).toEpochMilli();

    @Test
    @DisplayName("Stream ids parse, print and order as unsigned ms-seq pairs")
    void ids() {
        assertThat(StreamId.parse("1764300000000-3")).isEqualTo(new StreamId(1764300000000L, 3));
        assertThat(StreamId.parse("1764300000000")).isEqualTo(new StreamId(1764300000000L, 0));
        assertThat(StreamId.parse("5-10")).isGreaterThan(StreamId.parse("5-9"));
        assertThat(StreamId.parse("6-0")).isGreaterThan(StreamId.parse("5-99"));
        assertThat(StreamId.parse("18446744073709551615-0")).isGreaterThan(StreamId.parse("1-0"));
        assertThat(StreamId.parse("18446744073709551615-18446744073709551615").toString())
                .isEqualTo("18446744073709551615-18446744073709551615");
        assertThatThrownBy(() -> StreamId.parse("abc")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    @DisplayName("The id after another increments the sequence, carrying into the millisecond")
    void next() {
        assertThat(StreamId.parse("5-9").next()).isEqualTo(StreamId.parse("5-10"));
        assertThat(StreamId.parse("5-18446744073709551615").next()).isEqualTo(StreamId.parse("6-0"));
    }

    @Test
    @DisplayName("Without any group nothing is trimmed")
    void noGroups() {
        assertThat(TrimPoint.minId(List.of(), NOW, RETENTION)).isEmpty();
    }

    @Test
    @DisplayName("A group that has acknowledged everything old lets the retention decide")
    void retentionBound() {
        GroupPosition caughtUp = group("a", NOW.toEpochMilli() + "-0", null);
        assertThat(TrimPoint.minId(List.of(caughtUp), NOW, RETENTION)).contains(StreamId.ofMillis(RETENTION_EDGE));
    }

    @Test
    @DisplayName("An old pending entry holds the trim point at itself, so it is kept")
    void pendingHolds() {
        String old = (RETENTION_EDGE - 86_400_000L) + "-4";
        GroupPosition stuck = group("a", NOW.toEpochMilli() + "-0", old);
        assertThat(TrimPoint.minId(List.of(stuck), NOW, RETENTION)).contains(StreamId.parse(old));
    }

    @Test
    @DisplayName("A group lagging behind keeps the first entry it has not been delivered")
    void lagHolds() {
        String delivered = (RETENTION_EDGE - 1000) + "-7";
        GroupPosition slow = group("slow", delivered, null);
        assertThat(TrimPoint.minId(List.of(slow), NOW, RETENTION)).contains(new StreamId(RETENTION_EDGE - 1000, 8));
    }

    @Test
    @DisplayName("The slowest of several groups wins, whether by pending entry or by delivery")
    void slowestGroup() {
        GroupPosition fast = group("fast", NOW.toEpochMilli() + "-0", null);
        GroupPosition pending = group("pending", NOW.toEpochMilli() + "-0", "1000-0");
        GroupPosition lagging = group("lagging", "2000-0", null);
        assertThat(TrimPoint.minId(List.of(fast, pending, lagging), NOW, RETENTION))
                .contains(StreamId.parse("1000-0"));
        assertThat(TrimPoint.minId(List.of(fast, lagging), NOW, RETENTION)).contains(StreamId.parse("2000-1"));
    }

    @Test
    @DisplayName("A group that has read nothing yet keeps the whole stream")
    void freshGroup() {
        assertThat(TrimPoint.minId(List.of(group("new", "0-0", null)), NOW, RETENTION))
                .isEmpty();
    }

    @Test
    @DisplayName("A pending id above the last delivered one cannot lift the trim point above what is undelivered")
    void firstNeeded() {
        GroupPosition g = group("g", "100-0", "50-0");
        assertThat(g.firstNeeded()).isEqualTo(StreamId.parse("50-0"));
        assertThat(group("g", "100-0", null).firstNeeded()).isEqualTo(StreamId.parse("100-1"));
    }

    private static GroupPosition group(String name, String lastDelivered, String lowestPending) {
        return new GroupPosition(
                name,
                StreamId.parse(lastDelivered),
                Optional.ofNullable(lowestPending).map(StreamId::parse),
                lowestPending == null ? 0 : 1,
                Optional.empty());
    }
}

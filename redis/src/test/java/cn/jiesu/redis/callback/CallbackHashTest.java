package cn.jiesu.redis.callback;

import static org.assertj.core.api.Assertions.assertThat;

import cn.jiesu.core.callback.AttemptRecord;
import cn.jiesu.core.callback.CallbackAttempt;
import cn.jiesu.core.callback.CallbackKind;
import cn.jiesu.core.callback.CallbackMode;
import cn.jiesu.core.callback.CallbackOutcome;
import cn.jiesu.core.callback.CallbackRequest;
import cn.jiesu.core.callback.CallbackStatus;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class CallbackHashTest {
    private static final Instant T = Instant.parse("2026-03-10T02:00:00Z");

    @Test
    @DisplayName("a callback survives the hash encoding, history and never-started attempts included")
    void roundTrip() {
        CallbackRequest r = new CallbackRequest(
                "01KCB",
                "I1",
                CallbackKind.SURVEY,
                "13800138000",
                T.plusSeconds(7200),
                T.plusSeconds(3600),
                T,
                true,
                CallbackMode.CITIZEN_FIRST,
                "priority",
                1,
                List.of(),
                CallbackStatus.PENDING,
                T,
                3);
        Map<String, String> f = new HashMap<>(CallbackHash.newFields(r));
        assertThat(CallbackHash.decode(f)).isEqualTo(r);
        f.putAll(Map.of(
                "h.1.outcome",
                "NOT_STARTED",
                "h.1.claimedAt",
                "1773108000000",
                "h.1.endedAt",
                "1773108030000",
                "h.1.instance",
                "gw-a",
                "h.2.outcome",
                "BUSY",
                "h.2.claimedAt",
                "1773108040000",
                "h.2.endedAt",
                "1773108050000",
                "h.2.instance",
                "gw-b",
                "h.last",
                "2"));
        assertThat(CallbackHash.decode(f).history())
                .containsExactly(
                        new AttemptRecord(
                                1,
                                null,
                                Instant.ofEpochMilli(1773108000000L),
                                Instant.ofEpochMilli(1773108030000L),
                                "gw-a"),
                        new AttemptRecord(
                                2,
                                CallbackOutcome.BUSY,
                                Instant.ofEpochMilli(1773108040000L),
                                Instant.ofEpochMilli(1773108050000L),
                                "gw-b"));
    }

    @Test
    @DisplayName("a claimed hash gives the attempt with its deterministic ChannelId and the claim's revision")
    void attempt() {
        CallbackRequest r = new CallbackRequest(
                "01KCB",
                "I1",
                CallbackKind.RETURN_VISIT,
                "13800138000",
                T.plusSeconds(7200),
                T.plusSeconds(7200),
                T,
                false,
                CallbackMode.AGENT_FIRST,
                "general",
                1,
                List.of(),
                CallbackStatus.PENDING,
                T,
                4);
        Map<String, String> f = new HashMap<>(CallbackHash.newFields(r));
        f.putAll(Map.of(
                "status",
                "DIALING",
                "attempt",
                "3",
                "claimRev",
                "4",
                "claimedAt",
                "1773108000000",
                "leaseUntil",
                "1773108030000",
                "owner",
                "gw-a"));
        CallbackAttempt a = CallbackHash.attempt(f);
        assertThat(a.channelId()).isEqualTo("cb-01KCB-3");
        assertThat(a.priorAttempts()).isEqualTo(1);
        assertThat(a.rev()).isEqualTo(4);
        assertThat(a.leaseUntil()).isEqualTo(Instant.ofEpochMilli(1773108030000L));
    }
}

package cn.jiesu.callbacks;

import static org.assertj.core.api.Assertions.assertThat;

import cn.jiesu.core.callback.AttemptProbe.ProbeResult;
import cn.jiesu.core.callback.CallbackAttempt;
import cn.jiesu.core.callback.CallbackKind;
import cn.jiesu.core.callback.CallbackMode;
import cn.jiesu.core.callback.CallbackOutcome;
import cn.jiesu.ivr.ami.OriginateOutcome;
import cn.jiesu.ivr.call.CallEvent;
import cn.jiesu.ivr.call.ChannelInfo;
import cn.jiesu.ivr.call.ListedChannel;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class OutboundCallsTest {
    private static final Instant T0 = Instant.parse("2026-03-10T02:00:00Z");
    private final OutboundCalls calls = new OutboundCalls(Clock.fixed(T0, java.time.ZoneOffset.UTC));

    private static CallbackAttempt attempt(String id, Instant claimed) {
        return new CallbackAttempt(
                id,
                1,
                0,
                "I1",
                CallbackKind.RETURN_VISIT,
                CallbackMode.CITIZEN_FIRST,
                "13800138000",
                "general",
                false,
                T0.plusSeconds(7200),
                T0.plusSeconds(7200),
                claimed,
                1,
                claimed,
                claimed.plusSeconds(30));
    }

    private static ChannelInfo channel(String uniqueid, String linkedid) {
        return new ChannelInfo(
                "Local/answer@callee-sim-00000001;1",
                uniqueid,
                linkedid,
                "public",
                "callback",
                "13800138000",
                null,
                6,
                Map.of());
    }

    private ProbeResult probe(CallbackAttempt a) {
        return calls.probe(a).toCompletableFuture().join();
    }

    @Test
    @DisplayName("an answered callback ends at the Hangup of its originated channel, not at the answer")
    void answeredEndsAtHangup() {
        CallbackAttempt a = attempt("A", T0);
        String id = OutboundCalls.channelId(a);
        var over = calls.ended(id).toCompletableFuture();
        calls.apply(new CallEvent.ChannelCreated(T0, channel(id, id)));
        calls.apply(new CallEvent.OriginateResponded(T0, id, true, 4, id, "Local/answer@callee-sim-00000001;1"));
        calls.apply(new CallEvent.HungUp(T0, channel(id + "-2", id), 16, "Normal Clearing"));
        assertThat(over).isNotDone();
        assertThat(probe(a)).isInstanceOf(ProbeResult.InProgress.class);
        calls.apply(new CallEvent.HungUp(T0, channel(id, id), 16, "Normal Clearing"));
        assertThat(over.join()).isEqualTo(CallbackOutcome.ANSWERED);
        assertThat(probe(a)).isEqualTo(new ProbeResult.Ended(CallbackOutcome.ANSWERED));
        assertThat(calls.live()).isZero();
    }

    @Test
    @DisplayName("agent-first: the agent answers the originate; the citizen's outcome is our channel's Dial status")
    void agentFirstOutcome() {
        CallbackAttempt a = attempt("F", T0);
        String id = OutboundCalls.channelId(a);
        calls.agentFirst(id);
        var over = calls.ended(id).toCompletableFuture();
        calls.apply(new CallEvent.OriginateResponded(T0, id, true, 4, id, "Local/general@callback-agents-1;1"));
        // the queue's Dial to an agent member runs on the other half of the Local pair: not the citizen's
        calls.apply(new CallEvent.DialEnded(T0, channel(id + "-agent", id), id + "-2", "ANSWER"));
        calls.apply(new CallEvent.DialEnded(T0, channel(id + "-citizen", id), id, "BUSY"));
        calls.apply(new CallEvent.HungUp(T0, channel(id, id), 16, "Normal Clearing"));
        assertThat(over.join()).isEqualTo(CallbackOutcome.BUSY);
    }

    @Test
    @DisplayName("a failed originate ends the attempt with its outcome (Failure/5 busy)")
    void failedOriginate() {
        CallbackAttempt a = attempt("B", T0);
        String id = OutboundCalls.channelId(a);
        calls.apply(new CallEvent.OriginateResponded(T0, id, false, 5, null, null));
        assertThat(calls.ended(id).toCompletableFuture().join()).isEqualTo(CallbackOutcome.BUSY);
    }

    @Test
    @DisplayName("never started is only said when the event history has no gap since the claim")
    void neverStartedNeedsCompleteHistory() {
        CallbackAttempt a = attempt("C", T0.plusSeconds(10));
        assertThat(probe(a)).isInstanceOf(ProbeResult.Unknown.class);
        calls.apply(new CallEvent.ReconcileMark(T0, 1, "start"));
        assertThat(probe(a)).isInstanceOf(ProbeResult.NeverStarted.class);
        calls.apply(new CallEvent.ReconcileMark(T0.plusSeconds(20), 2, "periodic"));
        assertThat(probe(a)).isInstanceOf(ProbeResult.NeverStarted.class);
        calls.apply(new CallEvent.ReconcileMark(T0.plusSeconds(30), 3, "reconnect"));
        assertThat(probe(a)).isInstanceOf(ProbeResult.Unknown.class);
    }

    @Test
    @DisplayName("a reconcile listing closes callback channels that vanished during a gap and adopts listed ones")
    void reconcile() {
        CallbackAttempt gone = attempt("D", T0);
        CallbackAttempt up = attempt("E", T0);
        String goneId = OutboundCalls.channelId(gone);
        String upId = OutboundCalls.channelId(up);
        calls.apply(new CallEvent.ChannelCreated(T0, channel(goneId, goneId)));
        calls.apply(new CallEvent.ChannelsListed(
                T0, 1, List.of(new ListedChannel(channel(upId, upId), "AGI", null, null, 3, null))));
        assertThat(probe(gone)).isEqualTo(new ProbeResult.Ended(CallbackOutcome.FAILED));
        assertThat(probe(up)).isInstanceOf(ProbeResult.InProgress.class);
    }

    @Test
    @DisplayName("click-to-call outcomes map like the callback dialer's: only an answer reaches the citizen")
    void dialOutcomes() {
        assertThat(OutboundCalls.outcome(OriginateOutcome.ANSWERED)).isEqualTo(CallbackOutcome.ANSWERED);
        assertThat(OutboundCalls.outcome(OriginateOutcome.BUSY)).isEqualTo(CallbackOutcome.BUSY);
        assertThat(OutboundCalls.outcome(OriginateOutcome.HUNG_UP)).isEqualTo(CallbackOutcome.NO_ANSWER);
        assertThat(OutboundCalls.outcome(OriginateOutcome.CONGESTION)).isEqualTo(CallbackOutcome.CONGESTION);
        assertThat(OutboundCalls.outcome(OriginateOutcome.UNKNOWN)).isEqualTo(CallbackOutcome.FAILED);
    }
}

package cn.jiesu.gateway.console;

import static org.assertj.core.api.Assertions.assertThat;

import cn.jiesu.core.console.AgentState;
import cn.jiesu.core.console.AgentStatus;
import cn.jiesu.gateway.console.AsteriskMember.Seen;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The decisions of an agent's state from Asterisk's view and the agent's choices. */
class AgentStateRulesTest {
    private static final Instant T0 = Instant.parse("2026-12-06T02:00:00Z");
    private static final Instant NOW = T0.plusSeconds(30);
    private static final Duration LIMIT = Duration.ofSeconds(60);
    private static final String IFACE = "Local/8001@agent-sim/n";

    private static AgentStatus recorded(AgentState s, String reason) {
        return new AgentStatus("8001", s, T0, T0, null, reason);
    }

    private static AgentStatus observe(AgentStatus recorded, Seen seen, String reason) {
        return AgentStateRules.observed(recorded, new AsteriskMember(IFACE, seen, reason), "8001", NOW, LIMIT);
    }

    @Test
    @DisplayName("a pause made in Asterisk (any reason but wrap-up) makes a ready agent paused, with the reason")
    void pausedElsewhere() {
        AgentStatus next = observe(recorded(AgentState.READY, null), Seen.PAUSED, "supervisor");
        assertThat(next.state()).isEqualTo(AgentState.PAUSED);
        assertThat(next.reason()).isEqualTo("supervisor");
        assertThat(next.since()).isEqualTo(NOW);
        assertThat(next.seenAt()).isEqualTo(T0); // presence is not Asterisk's to change
        assertThat(next.until()).isNull();
        // A supervisor's pause replaces a wrap-up: it will not end by itself.
        assertThat(observe(recorded(AgentState.WRAP_UP, "wrap-up"), Seen.PAUSED, "supervisor")
                        .state())
                .isEqualTo(AgentState.PAUSED);
        // The same pause reported again changes nothing; another reason is recorded.
        assertThat(observe(recorded(AgentState.PAUSED, "supervisor"), Seen.PAUSED, "supervisor"))
                .isNull();
        assertThat(observe(recorded(AgentState.PAUSED, "break"), Seen.PAUSED, "supervisor")
                        .reason())
                .isEqualTo("supervisor");
        // Asterisk's empty reason is no reason.
        assertThat(observe(recorded(AgentState.READY, null), Seen.PAUSED, " ").reason())
                .isNull();
    }

    @Test
    @DisplayName("an unpause made in Asterisk makes a paused or wrapping-up agent ready; ready stays ready")
    void unpausedElsewhere() {
        assertThat(observe(recorded(AgentState.PAUSED, "supervisor"), Seen.READY, null)
                        .state())
                .isEqualTo(AgentState.READY);
        assertThat(observe(recorded(AgentState.WRAP_UP, "wrap-up"), Seen.READY, null)
                        .state())
                .isEqualTo(AgentState.READY);
        assertThat(observe(recorded(AgentState.ON_CALL, null), Seen.READY, null).state())
                .isEqualTo(AgentState.READY);
        assertThat(observe(recorded(AgentState.READY, null), Seen.READY, null)).isNull();
    }

    @Test
    @DisplayName("a call at the member (in call, device in use or ringing) is on call, whatever was recorded")
    void onCall() {
        for (AgentState s : new AgentState[] {AgentState.READY, AgentState.PAUSED, AgentState.WRAP_UP}) {
            assertThat(observe(recorded(s, null), Seen.ON_CALL, null).state())
                    .as("from %s", s)
                    .isEqualTo(AgentState.ON_CALL);
        }
        assertThat(observe(recorded(AgentState.ON_CALL, null), Seen.ON_CALL, null))
                .isNull();
    }

    @Test
    @DisplayName("our own wrap-up pause keeps its deadline; one seen first in Asterisk gets one from now")
    void wrapUpSeen() {
        AgentStatus running = new AgentStatus("8001", AgentState.WRAP_UP, T0, T0, T0.plus(LIMIT), "wrap-up");
        assertThat(observe(running, Seen.WRAP_UP, "wrap-up")).isNull();
        AgentStatus fresh = observe(recorded(AgentState.ON_CALL, null), Seen.WRAP_UP, "wrap-up");
        assertThat(fresh.state()).isEqualTo(AgentState.WRAP_UP);
        assertThat(fresh.until()).isEqualTo(NOW.plus(LIMIT));
        assertThat(AgentStateRules.observed(
                                recorded(AgentState.READY, null),
                                new AsteriskMember(IFACE, Seen.WRAP_UP, "wrap-up"),
                                "8001",
                                NOW,
                                Duration.ZERO)
                        .until())
                .as("limit 0: until the agent clicks ready")
                .isNull();
    }

    @Test
    @DisplayName("an unavailable device or a removed member says nothing about the agent's choice")
    void unknownKeeps() {
        assertThat(observe(recorded(AgentState.PAUSED, "break"), Seen.UNAVAILABLE, null))
                .isNull();
        assertThat(observe(recorded(AgentState.READY, null), Seen.ABSENT, null)).isNull();
    }

    @Test
    @DisplayName("a first sign-in starts from what Asterisk says; nothing known: no decision (ready)")
    void firstRecord() {
        assertThat(observe(null, Seen.PAUSED, "supervisor").state()).isEqualTo(AgentState.PAUSED);
        assertThat(observe(null, Seen.ON_CALL, null).seenAt()).isNull();
        assertThat(observe(null, Seen.ABSENT, null)).isNull();
    }

    @Test
    @DisplayName("the agent chooses only ready or paused, and nothing while on a call")
    void choices() {
        assertThat(AgentStateRules.refusal(recorded(AgentState.PAUSED, null), AgentState.READY))
                .isNull();
        assertThat(AgentStateRules.refusal(recorded(AgentState.WRAP_UP, null), AgentState.READY))
                .isNull();
        assertThat(AgentStateRules.refusal(recorded(AgentState.WRAP_UP, null), AgentState.PAUSED))
                .isNull();
        assertThat(AgentStateRules.refusal(null, AgentState.PAUSED)).isNull();
        assertThat(AgentStateRules.refusal(recorded(AgentState.ON_CALL, null), AgentState.READY))
                .contains("on a call");
        assertThat(AgentStateRules.refusal(recorded(AgentState.ON_CALL, null), AgentState.PAUSED))
                .contains("on a call");
        for (AgentState s : new AgentState[] {AgentState.WRAP_UP, AgentState.ON_CALL, AgentState.OFFLINE}) {
            assertThat(AgentStateRules.refusal(recorded(AgentState.READY, null), s))
                    .as("%s", s)
                    .contains("not chosen");
        }
    }

    @Test
    @DisplayName("a wrap-up is over at its deadline; its seconds left round up and never go negative")
    void deadline() {
        AgentStatus w = AgentStateRules.wrapUp("8001", T0, T0, LIMIT);
        assertThat(w.until()).isEqualTo(T0.plusSeconds(60));
        assertThat(w.wrapUpOver(T0.plusSeconds(59))).isFalse();
        assertThat(w.wrapUpOver(T0.plusSeconds(60))).isTrue();
        assertThat(AgentStateRules.remainingSeconds(w, T0.plusMillis(500))).isEqualTo(60);
        assertThat(AgentStateRules.remainingSeconds(w, T0.plusSeconds(59))).isEqualTo(1);
        assertThat(AgentStateRules.remainingSeconds(w, T0.plusSeconds(75))).isZero();
        assertThat(AgentStateRules.remainingSeconds(AgentStateRules.wrapUp("8001", T0, T0, Duration.ZERO), T0))
                .isNull();
        assertThat(AgentStateRules.wrapUp("8001", T0, T0, Duration.ZERO).wrapUpOver(T0.plusSeconds(3600)))
                .isFalse();
        assertThat(AgentStateRules.remainingSeconds(recorded(AgentState.READY, null), T0))
                .isNull();
    }
}

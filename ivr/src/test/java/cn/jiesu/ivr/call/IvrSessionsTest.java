package cn.jiesu.ivr.call;

import static org.assertj.core.api.Assertions.assertThat;

import cn.jiesu.ivr.dialplan.DialplanVariables;
import java.time.Instant;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@DisplayName("IVR sessions of a call: which channel's variables count, and what several runs add up to")
class IvrSessionsTest {
    private static final Instant T0 = Instant.parse("2026-12-06T08:00:00Z");
    private static final String SIP = "1796545000.1";
    private static final String LOCAL2 = "1796545000.3";

    private static Instant at(int seconds) {
        return T0.plusSeconds(seconds);
    }

    @Test
    @DisplayName("A second AGI run on the same channel: repeated first-run values are not its own, its VarSets are")
    void secondRunOnTheSameChannel() {
        IvrSessions s = new IvrSessions();
        s.started(SIP, at(1));
        s.carried(SIP, DialplanVariables.PATH, "lang:1,menu:4", at(3), true);
        s.carried(SIP, DialplanVariables.URGENCY, "NORMAL", at(3), true);
        s.carried(SIP, DialplanVariables.REQTYPE, "CONSULT", at(3), true);
        s.carried(SIP, DialplanVariables.ROUTE, "queue", at(3), true);
        s.started(SIP, at(10));
        // every event after the transfer still repeats the first run's values
        s.carried(SIP, DialplanVariables.PATH, "lang:1,menu:4", at(11), false);
        s.carried(SIP, DialplanVariables.URGENCY, "NORMAL", at(11), false);
        s.carried(SIP, DialplanVariables.PATH, "lang:1", at(12), true);
        s.carried(SIP, DialplanVariables.PATH, "lang:1,menu:2", at(14), true);
        s.carried(SIP, DialplanVariables.URGENCY, "IMMEDIATE", at(14), true);
        s.carried(SIP, DialplanVariables.REQTYPE, "HELP", at(14), true);

        assertThat(s.sessions()).hasSize(2);
        assertThat(s.vars())
                .containsEntry(DialplanVariables.PATH, "lang:1,menu:4,lang:1,menu:2")
                .containsEntry(DialplanVariables.URGENCY, "IMMEDIATE")
                .containsEntry(DialplanVariables.REQTYPE, "HELP")
                .containsEntry(DialplanVariables.ROUTE, "queue");
        assertThat(s.ivrChannel()).isEqualTo(SIP);
    }

    @Test
    @DisplayName("The same choice made again after a transfer counts again (a VarSet, not a repeat)")
    void sameChoiceTwice() {
        IvrSessions s = new IvrSessions();
        s.started(SIP, at(1));
        s.carried(SIP, DialplanVariables.PATH, "lang:1", at(2), true);
        s.started(SIP, at(10));
        s.carried(SIP, DialplanVariables.PATH, "lang:1", at(11), false);
        s.carried(SIP, DialplanVariables.PATH, "lang:1", at(12), true);
        assertThat(s.vars()).containsEntry(DialplanVariables.PATH, "lang:1,lang:1");
    }

    @ParameterizedTest(name = "{0} then {1}: {2}")
    @CsvSource({
        "EMERGENCY, NORMAL, EMERGENCY",
        "NORMAL, EMERGENCY, EMERGENCY",
        "IMMEDIATE, NORMAL, IMMEDIATE",
        "NORMAL, NORMAL, NORMAL"
    })
    @DisplayName("Urgency and request type come as a pair from the most urgent run")
    void mostUrgentRunWins(String first, String second, String expected) {
        IvrSessions s = new IvrSessions();
        s.started(SIP, at(1));
        s.carried(SIP, DialplanVariables.URGENCY, first, at(2), true);
        s.carried(SIP, DialplanVariables.REQTYPE, "FIRST", at(2), true);
        s.started(LOCAL2, at(10));
        s.carried(LOCAL2, DialplanVariables.URGENCY, second, at(11), true);
        s.carried(LOCAL2, DialplanVariables.REQTYPE, "SECOND", at(11), true);
        assertThat(s.vars().get(DialplanVariables.URGENCY)).isEqualTo(expected);
        assertThat(s.vars().get(DialplanVariables.REQTYPE))
                .isEqualTo(first.equals(expected) && !second.equals(expected) ? "FIRST" : "SECOND");
        assertThat(s.ivrChannel()).isEqualTo(LOCAL2);
    }

    @Test
    @DisplayName("The dialled number is the one the call carried when the IVR first ran, not a later transfer's")
    void dnisAsFirstReached() {
        IvrSessions legacy = new IvrSessions();
        legacy.carried(SIP, DialplanVariables.DNIS, "96106", at(1), true);
        legacy.carried(LOCAL2, DialplanVariables.DNIS, "96106", at(2), false);
        legacy.started(LOCAL2, at(3));
        assertThat(legacy.vars()).containsEntry(DialplanVariables.DNIS, "96106");
        assertThat(legacy.sessions())
                .as("an inherited number is no IVR session")
                .hasSize(1);

        IvrSessions transferred = new IvrSessions();
        transferred.started(SIP, at(1));
        transferred.carried(SIP, DialplanVariables.DNIS, "65128088", at(20), true);
        transferred.started(LOCAL2, at(21));
        assertThat(transferred.vars()).doesNotContainKey(DialplanVariables.DNIS);
    }

    @Test
    @DisplayName("Without any AGI step seen (a gap), the variables a channel carries are its session")
    void variablesWithoutAnAgiStep() {
        IvrSessions s = new IvrSessions();
        s.carried(LOCAL2, DialplanVariables.PATH, "lang:2,menu:5", at(5), false);
        s.carried(LOCAL2, DialplanVariables.LANG, "en", at(5), false);
        assertThat(s.vars())
                .containsEntry(DialplanVariables.PATH, "lang:2,menu:5")
                .containsEntry(DialplanVariables.LANG, "en");
        assertThat(s.ivrChannel()).isEqualTo(LOCAL2);
    }

    @ParameterizedTest(name = "{0} {1}: {2}")
    @CsvSource({
        "AGI, agi://127.0.0.1:4573/ivr, true",
        "AGI, agi://gateway/ivr?lang=zh, true",
        "AGI, 'agi://gateway:4573/ivr,arg', true",
        "agi, agi://gateway:4573/ivr, true",
        "AGI, agi://127.0.0.1:4573/callback?ticket=T1, false",
        "AGI, agi://127.0.0.1:4573/ivr2, false",
        "Queue, agi://127.0.0.1:4573/ivr, false",
        "AGI, /usr/share/ivr, false"
    })
    @DisplayName("The inbound IVR is the AGI step running the ivr script, wherever the channel is")
    void runsIvr(String application, String appData, boolean expected) {
        assertThat(TrackerSettings.DEFAULTS.runsIvr(application, appData)).isEqualTo(expected);
    }
}

package cn.jiesu.ivr.ami;

import static org.assertj.core.api.Assertions.assertThat;

import cn.jiesu.ivr.call.CallEvent;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@DisplayName("AMI translation of real Asterisk 22 captures")
class EventTranslationTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-28T05:41:43Z"), ZoneOffset.UTC);
    private final ManagerEventTranslator viaAsteriskJava = new ManagerEventTranslator(CLOCK);
    private final RawEventTranslator viaRawDecoder = new RawEventTranslator(CLOCK);

    @ParameterizedTest(name = "{0}")
    @ValueSource(
            strings = {
                "ami-inbound-ivr.raw",
                "ami-sip-inbound-ivr.raw",
                "ami-list-and-hangup.raw",
                "ami-callback-answer.raw",
                "ami-callback-busy.raw",
                "ami-callback-noanswer.raw",
                "ami-callback-congestion.raw",
                "ami-callback-answer-app.raw",
                "lab-queue-answered.raw",
                "lab-midmenu-hangup.raw",
                "lab-originate-channelid.raw",
                "lab-queue-listed.raw",
                "lab-queue-members.raw"
            })
    @DisplayName("Asterisk-Java's parser and the raw decoder give the same call events, however the bytes are cut")
    void bothPathsAgreeUnderFragmentation(String fixture) {
        byte[] bytes = Fragments.fixture(fixture);
        List<CallEvent> expected = raw(List.of(bytes));
        assertThat(expected).isNotEmpty();
        for (long seed = 1; seed <= 5; seed++) {
            List<byte[]> pieces = Fragments.cut(bytes, seed, seed == 1 ? 3 : 700);
            assertSame(raw(pieces), expected, "raw decoder, seed " + seed);
            assertSame(asteriskJava(pieces), expected, "Asterisk-Java, seed " + seed);
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"ami-inbound-ivr.raw", "ami-sip-inbound-ivr.raw"})
    @DisplayName("TestEvent, AGIExec, DTMF and other events the tracker does not need become nothing")
    void unneededEventsAreIgnored(String fixture) {
        List<CallEvent> events = raw(List.of(Fragments.fixture(fixture)));
        long testEvents = new String(Fragments.fixture(fixture))
                .lines()
                .filter("Event: TestEvent"::equals)
                .count();
        assertThat(testEvents).isPositive();
        assertThat(events).allSatisfy(e -> assertThat(e).isNotNull());
        assertThat(events)
                .noneMatch(
                        e -> e instanceof CallEvent.VariableSet v && !v.name().startsWith("JIESU_"));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"ami-inbound-ivr.raw"})
    @DisplayName("The inbound call's channels carry Linkedid, caller number and the public,12345 position")
    void inboundCallChannels(String fixture) {
        List<CallEvent> events = asteriskJava(List.of(Fragments.fixture(fixture)));
        assertThat(events)
                .filteredOn(e -> e instanceof CallEvent.OnChannel)
                .allSatisfy(e -> assertThat(((CallEvent.OnChannel) e).channel().linkedid())
                        .isEqualTo("1795844503.0"));
        assertThat(events)
                .filteredOn(e ->
                        e instanceof CallEvent.DialplanStep d && d.channel().isAt("public", "12345"))
                .isNotEmpty()
                .allSatisfy(e -> assertThat(((CallEvent.OnChannel) e).channel().callerNum())
                        .isEqualTo("13800138000"));
        assertThat(events).filteredOn(e -> e instanceof CallEvent.HungUp).hasSize(2);
        assertThat(events)
                .filteredOn(e -> e instanceof CallEvent.OriginateResponded)
                .singleElement()
                .isEqualTo(new CallEvent.OriginateResponded(
                        CLOCK.instant(), "inbound-ivr-1", true, 4, "1795844503.0", "Local/s@caller-sim-00000000;1"));
    }

    /** Element by element, so that a failure names the first event that differs. */
    private static void assertSame(List<CallEvent> actual, List<CallEvent> expected, String what) {
        for (int i = 0; i < Math.min(actual.size(), expected.size()); i++) {
            assertThat(actual.get(i)).as("%s: event %d", what, i).isEqualTo(expected.get(i));
        }
        assertThat(actual).as(what).hasSameSizeAs(expected);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"lab-queue-answered.raw"})
    @DisplayName("Channel variables (manager.conf channelvars) and Timestamp reach the records on both paths")
    void channelVariablesAndTimestamps(String fixture) {
        List<CallEvent> events = asteriskJava(List.of(Fragments.fixture(fixture)));
        CallEvent.QueueJoined join = events.stream()
                .filter(e -> e instanceof CallEvent.QueueJoined)
                .map(CallEvent.QueueJoined.class::cast)
                .findFirst()
                .orElseThrow();
        assertThat(join.queue()).isEqualTo("hotline-general");
        assertThat(join.channel().vars())
                .containsEntry("JIESU_PATH", "lang:1,menu:2")
                .containsEntry("JIESU_ROUTE", "queue")
                .doesNotContainKey("JIESU_CALLBACK");
        assertThat(join.at()).isEqualTo(Instant.parse("2026-11-28T07:14:17.323902Z"));
        CallEvent.AgentOffered offer = events.stream()
                .filter(e -> e instanceof CallEvent.AgentOffered)
                .map(CallEvent.AgentOffered.class::cast)
                .findFirst()
                .orElseThrow();
        assertThat(offer.agentInterface()).isEqualTo("Local/8001@agent-sim/n");
        assertThat(offer.agentChannel()).isEqualTo("Local/8001@agent-sim-00000001;1");
        assertThat(events)
                .filteredOn(e -> e instanceof CallEvent.VariableSet)
                .extracting(e -> ((CallEvent.VariableSet) e).name())
                .contains("JIESU_LANG", "JIESU_PATH", "JIESU_ROUTE", "JIESU_QUEUE")
                .allMatch(n -> n.startsWith("JIESU_"));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"lab-originate-channelid.raw"})
    @DisplayName("A failed Originate with a ChannelId reports that id, and the ActionID survives Asterisk-Java")
    void originateWithChannelId(String fixture) {
        List<CallEvent> events = asteriskJava(List.of(Fragments.fixture(fixture)));
        assertThat(events)
                .filteredOn(e -> e instanceof CallEvent.OriginateResponded)
                .extracting(e -> (CallEvent.OriginateResponded) e)
                .extracting(o -> o.actionId() + " " + o.success() + "/" + o.reason() + " " + o.uniqueid())
                .containsExactly("ob-1 true/4 jiesu-ob-TEST1", "ob-2 false/5 jiesu-ob-TEST2");
    }

    private List<CallEvent> raw(List<byte[]> pieces) {
        List<CallEvent> out = new ArrayList<>();
        AmiFrameDecoder decoder = new AmiFrameDecoder(f -> out.add(viaRawDecoder.translate(f)));
        pieces.forEach(decoder::feed);
        return out.stream().filter(Objects::nonNull).toList();
    }

    private List<CallEvent> asteriskJava(List<byte[]> pieces) {
        return AsteriskJavaReplay.replay(Fragments.stream(pieces)).stream()
                .map(s -> viaAsteriskJava.translate(s.event(), s.tapped()))
                .filter(Objects::nonNull)
                .toList();
    }
}

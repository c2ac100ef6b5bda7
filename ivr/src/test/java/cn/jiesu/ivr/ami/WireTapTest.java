package cn.jiesu.ivr.ami;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Wire tap between the AMI socket and Asterisk-Java's reader")
class WireTapTest {

    @Test
    @DisplayName("Tracked events get a SequenceNumber; the own channel's variables move to the ring, in any spelling")
    void numbersEventsAndKeepsVariables() throws IOException {
        String wire = "Asterisk Call Manager/11.0.0\r\n"
                + "Event: TestEvent\r\nState: X\r\nChanVariable: JIESU_LANG=zh\r\n\r\n"
                + "Event: Hangup\r\nSequenceNumber: 99\r\nUniqueid: 1.0\r\nChanVariable: JIESU_LANG=zh\r\n"
                + "ChanVariable: JIESU_PATH=lang:1,menu:2\r\nChanVariable: JIESU_ROUTE=\r\n"
                + "ChanVariable(JIESU_QUEUE): general\r\nDestChanVariable: JIESU_LANG=en\r\nCause: 16\r\n\r\n"
                + "Response: Success\r\nActionID: x\r\n\r\n"
                + "Event: OriginateResponse\r\nActionID: ob-1\r\nReason: 4\r\n\r\n";
        EventRing ring = new EventRing();
        List<String> lines = read(wire, ring);
        assertThat(lines).noneMatch(l -> l.contains("ChanVariable"));
        assertThat(lines)
                .filteredOn(l -> l.startsWith("SequenceNumber:"))
                .containsExactly("SequenceNumber: 1", "SequenceNumber: 2");
        assertThat(lines).contains("Event: TestEvent", "Cause: 16", "Response: Success");
        assertThat(lines.get(lines.indexOf("Cause: 16") + 1)).isEqualTo("SequenceNumber: 1");
        assertThat(lines.get(lines.indexOf("Cause: 16") + 2)).isEmpty();
        EventRing.Tapped hangup = ring.take(1);
        assertThat(hangup.vars())
                .containsExactlyInAnyOrderEntriesOf(
                        java.util.Map.of("JIESU_LANG", "zh", "JIESU_PATH", "lang:1,menu:2", "JIESU_QUEUE", "general"));
        assertThat(ring.take(2).actionId()).isEqualTo("ob-1");
        assertThat(ring.take(3)).isSameAs(EventRing.Tapped.NONE);
    }

    private static List<String> read(String wire, EventRing ring) throws IOException {
        WireTap tap =
                new WireTap(new ReplaySocket(new ByteArrayInputStream(wire.getBytes(StandardCharsets.UTF_8))), ring);
        List<String> lines = new ArrayList<>();
        for (String l = tap.readLine(); l != null; l = tap.readLine()) {
            lines.add(l);
        }
        return lines;
    }
}

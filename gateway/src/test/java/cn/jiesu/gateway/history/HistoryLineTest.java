package cn.jiesu.gateway.history;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.jiesu.core.intake.Crs;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class HistoryLineTest {
    @Test
    void readsEveryField() {
        HistoryLine h = HistoryLine.parse("""
                {"id":"2024-朝-000123","receivedAt":"2024-05-01T08:30:00+08:00","title":"停水","text":"家里停水了",\
                "address":"朝阳区望京街道","lat":39.99,"lon":116.48,"crs":"gcj02","category":"供水","topics":["water"]}""");
        assertThat(h.id()).isEqualTo("2024-朝-000123");
        assertThat(h.receivedAt()).isEqualTo(Instant.parse("2024-05-01T00:30:00Z"));
        assertThat(h.crs()).isEqualTo(Crs.GCJ02);
        assertThat(h.topics()).containsExactly("water");
        assertThat(h.triageText()).isEqualTo("供水 停水 家里停水了");
    }

    @Test
    void positionWithoutCrsIsWgs84AndAnAddressAloneIsEnough() {
        assertThat(HistoryLine.parse(
                                "{\"id\":\"A1\",\"receivedAt\":\"2024-05-01T08:30:00Z\",\"lat\":39.9,\"lon\":116.4}")
                        .crs())
                .isEqualTo(Crs.WGS84);
        HistoryLine h = HistoryLine.parse(
                "{\"id\":\"A2\",\"receivedAt\":\"2024-05-01T08:30:00.5-05:00\",\"address\":\"东城区景山街道\"}");
        assertThat(h.crs()).isNull();
        assertThat(h.topics()).isEqualTo(List.of());
        assertThat(h.triageText()).isEmpty();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            [1,2]                                                                   | not a JSON object
            {"id":"A","receivedAt":"2024-05-01T08:30:00+08:00","txt":"x"}           | txt: unknown field (the fields are id, receivedAt
            {"id":"A","receivedAt":"2024-05-01T08:30:00Z","lat":null,"lon":116}     | lat: null; leave the field out instead
            {"id":"A","receivedAt":"2024-05-01T08:30:00Z","text":null,"address":"x"} | text: null
            {"id":"A","receivedAt":"2024-05-01T08:30:00Z","topics":null,"text":"x"} | topics: null
            {"id":"A","receivedAt":"2024-05-01T08:30:00Z","text":"x","text":"y"}    | text: given twice
            {"id":"A","receivedAt":"2024-05-01T08:30:00Z","text":"x"} {"id":"B"}    | not a JSON object
            {"receivedAt":"2024-05-01T08:30:00+08:00","text":"x"}                   | id: required
            {"id":"A B","receivedAt":"2024-05-01T08:30:00+08:00","text":"x"}        | id: required
            {"id":7,"receivedAt":"2024-05-01T08:30:00+08:00","text":"x"}            | id: a string
            {"id":"A","text":"x"}                                                   | receivedAt: required
            {"id":"A","receivedAt":"2024-05-01 08:30:00","text":"x"}                | receivedAt: not RFC 3339
            {"id":"A","receivedAt":"2024-05-01T08:30:00","text":"x"}                | receivedAt: not RFC 3339
            {"id":"A","receivedAt":"2024-05-01T08:30+08:00","text":"x"}             | receivedAt: not RFC 3339
            {"id":"A","receivedAt":"2024-02-30T08:30:00+08:00","text":"x"}          | receivedAt: not RFC 3339
            {"id":"A","receivedAt":"2024-05-01T08:30:00Z","lat":39.9}               | lon: lat and lon must be given together
            {"id":"A","receivedAt":"2024-05-01T08:30:00Z","lat":99,"lon":116}       | lat: a number from -90 to 90
            {"id":"A","receivedAt":"2024-05-01T08:30:00Z","lat":"39","lon":116}     | lat: a number
            {"id":"A","receivedAt":"2024-05-01T08:30:00Z","lat":39,"lon":116,"crs":"X"} | crs: one of WGS84, GCJ02, BD09
            {"id":"A","receivedAt":"2024-05-01T08:30:00Z","text":"x","crs":"BD09"}  | crs: given without lat and lon
            {"id":"A","receivedAt":"2024-05-01T08:30:00Z","topics":"water"}         | topics: an array of strings
            {"id":"A","receivedAt":"2024-05-01T08:30:00Z","topics":[""]}            | topics: an array of strings of 1 to 64
            {"id":"A","receivedAt":"2024-05-01T08:30:00Z","text":"  "}              | nothing to count: give text, title, address, lat/lon, category or topics
            """)
    void refusesNamingTheField(String line, String message) {
        assertThatThrownBy(() -> HistoryLine.parse(line))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith(message);
    }

    @Test
    void refusesDeepNestingAsSuch() {
        String line = "{\"id\":\"A\",\"receivedAt\":\"2024-05-01T08:30:00Z\",\"text\":" + "[".repeat(1500)
                + "]".repeat(1500) + "}";
        assertThatThrownBy(() -> HistoryLine.parse(line))
                .hasMessage("a JSON object nested too deep (more than 1000 levels)");
    }

    @Test
    void refusesTooLongText() {
        String line = "{\"id\":\"A\",\"receivedAt\":\"2024-05-01T08:30:00Z\",\"text\":\"" + "水".repeat(4001) + "\"}";
        assertThatThrownBy(() -> HistoryLine.parse(line)).hasMessage("text: at most 4000 characters, was 4001");
    }

    @Test
    void refusesAFutureTimeEchoingItAsWritten() {
        String line = "{\"id\":\"A\",\"receivedAt\":\"2024-05-01T08:30:00+08:00\",\"text\":\"x\"}";
        assertThat(HistoryLine.parse(line, Instant.parse("2024-05-01T00:30:00Z"))
                        .id())
                .isEqualTo("A");
        assertThatThrownBy(() -> HistoryLine.parse(line, Instant.parse("2024-05-01T00:29:59Z")))
                .hasMessage("receivedAt: more than 5 minutes in the future: 2024-05-01T08:30:00+08:00");
    }
}

package cn.jiesu.core.callback;

import static cn.jiesu.core.callback.Beijing.at;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class BreachForecastTest {
    private static BreachForecast.Item item(String id, String notBefore, String placeBy, boolean emergency) {
        return new BreachForecast.Item(id, at(notBefore), at(placeBy), emergency);
    }

    @Test
    @DisplayName("with enough trunks nothing is at risk")
    void capacityAllows() {
        BreachForecast f = new BreachForecast(CallingWindow.DEFAULT, 2, Duration.ofMinutes(5));
        List<BreachForecast.Item> backlog = List.of(
                item("a", "2026-03-10T10:00:00", "2026-03-10T10:30:00", false),
                item("b", "2026-03-10T10:00:00", "2026-03-10T10:30:00", false),
                item("c", "2026-03-10T10:00:00", "2026-03-10T10:30:00", false));
        assertThat(f.atRisk(backlog, at("2026-03-10T10:00:00"), 0)).isEmpty();
    }

    @Test
    @DisplayName("the backlog ahead of a callback puts it at risk long before its deadline")
    void backlogAhead() {
        BreachForecast f = new BreachForecast(CallingWindow.DEFAULT, 1, Duration.ofMinutes(10));
        List<BreachForecast.Item> backlog = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            backlog.add(item("x" + i, "2026-03-10T10:00:00", "2026-03-10T11:00:00", false));
        }
        backlog.add(item("late", "2026-03-10T10:00:00", "2026-03-10T10:55:00", false));
        List<BreachForecast.Risk> risks = f.atRisk(backlog, at("2026-03-10T10:00:00"), 0);
        // EDF puts "late" first; the six others need 10:10..11:00 starts: the last starts at 11:00 -> not after.
        assertThat(risks).isEmpty();
        backlog.add(item("y", "2026-03-10T10:00:00", "2026-03-10T11:00:00", false));
        risks = f.atRisk(backlog, at("2026-03-10T10:00:00"), 0);
        assertThat(risks).extracting(r -> r.item().callbackId()).containsExactly("y");
        assertThat(risks.get(0).forecastStart()).isEqualTo(at("2026-03-10T11:10:00"));
    }

    @Test
    @DisplayName("busy trunks delay the forecast by half a call")
    void busyTrunks() {
        BreachForecast f = new BreachForecast(CallingWindow.DEFAULT, 1, Duration.ofMinutes(10));
        List<BreachForecast.Item> one = List.of(item("a", "2026-03-10T10:00:00", "2026-03-10T10:03:00", false));
        assertThat(f.atRisk(one, at("2026-03-10T10:00:00"), 0)).isEmpty();
        assertThat(f.atRisk(one, at("2026-03-10T10:00:00"), 1)).hasSize(1);
    }

    @Test
    @DisplayName("quiet hours count: a callback due at 20:58 behind a 5-minute call cannot go before 21:00")
    void quietHours() {
        BreachForecast f = new BreachForecast(CallingWindow.DEFAULT, 1, Duration.ofMinutes(5));
        List<BreachForecast.Item> backlog = List.of(
                item("a", "2026-03-10T20:55:00", "2026-03-10T20:58:00", false),
                item("b", "2026-03-10T20:55:00", "2026-03-10T21:00:00", false),
                item("e", "2026-03-10T20:55:00", "2026-03-10T21:30:00", true));
        Instant now = at("2026-03-10T20:55:00");
        assertThat(f.atRisk(backlog, now, 0))
                .extracting(r -> r.item().callbackId())
                .containsExactly("b");
    }

    @Test
    @DisplayName("a callback already past its placeBy is at risk (and late)")
    void pastDeadline() {
        BreachForecast f = new BreachForecast(CallingWindow.DEFAULT, 10, Duration.ofMinutes(1));
        assertThat(f.atRisk(
                        List.of(item("a", "2026-03-10T09:00:00", "2026-03-10T09:30:00", false)),
                        at("2026-03-10T10:00:00"),
                        0))
                .hasSize(1);
    }
}

package cn.jiesu.core.callback;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;

/** Test helpers: Beijing local times as instants, and fixed clocks. */
final class Beijing {
    private Beijing() {}

    static Instant at(String localDateTime) {
        return LocalDateTime.parse(localDateTime).atZone(CallingWindow.BEIJING).toInstant();
    }

    static Clock clockAt(String localDateTime) {
        return Clock.fixed(at(localDateTime), CallingWindow.BEIJING);
    }
}

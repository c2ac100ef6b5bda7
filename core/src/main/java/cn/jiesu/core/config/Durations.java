package cn.jiesu.core.config;

import java.time.Duration;

/**
 * The one duration grammar of every config file: a whole number and a unit, {@code ms}, {@code s}, {@code m},
 * {@code h} or {@code d} ({@code 500ms}, {@code 2s}, {@code 10m}, {@code 24h}, {@code 7d}). A bare number is not a
 * duration: the unit is never guessed. Whether zero is allowed is the getter's choice
 * ({@link ConfigNode#duration} no, {@link ConfigNode#durationOrZero} yes).
 */
public final class Durations {
    /** How a duration is written, for error messages. */
    public static final String GRAMMAR = "500ms, 2s, 10m, 24h or 7d";

    private Durations() {}

    /** The duration {@code text} writes, or null when it is not one (no unit, unknown unit, out of range). */
    public static Duration parse(String text) {
        if (text == null) {
            return null;
        }
        String s = text.trim();
        int i = 0;
        while (i < s.length() && Character.isDigit(s.charAt(i))) {
            i++;
        }
        if (i == 0 || i == s.length() || i > 18) {
            return null;
        }
        long n = Long.parseLong(s.substring(0, i));
        try {
            return switch (s.substring(i).trim()) {
                case "ms" -> Duration.ofMillis(n);
                case "s" -> Duration.ofSeconds(n);
                case "m" -> Duration.ofMinutes(n);
                case "h" -> Duration.ofHours(n);
                case "d" -> Duration.ofDays(n);
                default -> null;
            };
        } catch (ArithmeticException e) {
            return null;
        }
    }
}

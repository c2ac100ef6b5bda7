package cn.jiesu.core.console;

import java.util.Locale;

/** What a console user may do: agents see their own pops; supervisors also see the wallboard. */
public enum Role {
    AGENT,
    SUPERVISOR;

    /** Parses {@code agent} / {@code supervisor} (any case). */
    public static Role parse(String s) {
        return Role.valueOf(s.trim().toUpperCase(Locale.ROOT));
    }
}

package cn.jiesu.core.console;

import java.time.Instant;
import java.util.Objects;

/**
 * A signed-in browser: who it is and the CSRF token its POSTs must echo. Kept server-side (Redis) under a hash of
 * the cookie's random token, so a leaked store does not give away live cookies.
 */
public record ConsoleSession(String ext, String name, Role role, String csrf, Instant createdAt) {
    public ConsoleSession {
        Objects.requireNonNull(ext, "ext");
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(csrf, "csrf");
        Objects.requireNonNull(createdAt, "createdAt");
    }

    public boolean supervisor() {
        return role == Role.SUPERVISOR;
    }
}

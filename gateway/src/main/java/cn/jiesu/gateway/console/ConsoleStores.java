package cn.jiesu.gateway.console;

import java.util.Objects;

/** The shared state the console keeps outside the process (Redis in production), grouped for wiring. */
public record ConsoleStores(SessionStore sessions, PopStore pops, DraftStore drafts, AgentStateStore agents,
                            AgentDirectory accounts, CallAppeals appeals) {
    public ConsoleStores {
        Objects.requireNonNull(sessions, "sessions");
        Objects.requireNonNull(pops, "pops");
        Objects.requireNonNull(drafts, "drafts");
        Objects.requireNonNull(agents, "agents");
        Objects.requireNonNull(accounts, "accounts");
        Objects.requireNonNull(appeals, "appeals");
    }
}

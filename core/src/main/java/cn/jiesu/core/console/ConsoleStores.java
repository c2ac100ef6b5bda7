package cn.jiesu.core.console;

import cn.jiesu.core.classify.TriageDecisions;
import java.util.Objects;

/**
 * The shared state the console keeps outside the process (Redis in production), grouped for wiring, with the
 * fan-out that tells the other instances what changed.
 */
public record ConsoleStores(
        SessionStore sessions,
        SignInAttempts attempts,
        PopStore pops,
        DraftStore drafts,
        AgentStateStore agents,
        AgentDirectory accounts,
        CallAppeals appeals,
        ConsoleFanout fanout,
        TriageDecisions triage) {
    public ConsoleStores {
        Objects.requireNonNull(sessions, "sessions");
        Objects.requireNonNull(attempts, "attempts");
        Objects.requireNonNull(pops, "pops");
        Objects.requireNonNull(drafts, "drafts");
        Objects.requireNonNull(agents, "agents");
        Objects.requireNonNull(accounts, "accounts");
        Objects.requireNonNull(appeals, "appeals");
        Objects.requireNonNull(fanout, "fanout");
        Objects.requireNonNull(triage, "triage");
    }

    /** Stores for a single instance: no fan-out. */
    public ConsoleStores(
            SessionStore sessions,
            SignInAttempts attempts,
            PopStore pops,
            DraftStore drafts,
            AgentStateStore agents,
            AgentDirectory accounts,
            CallAppeals appeals,
            TriageDecisions triage) {
        this(sessions, attempts, pops, drafts, agents, accounts, appeals, ConsoleFanout.none(), triage);
    }

    /** The same stores with {@code appeals} in place of this one's (to decorate it). */
    public ConsoleStores withAppeals(CallAppeals appeals) {
        return new ConsoleStores(sessions, attempts, pops, drafts, agents, accounts, appeals, fanout, triage);
    }
}

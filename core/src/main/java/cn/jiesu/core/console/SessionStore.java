package cn.jiesu.core.console;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletionStage;

/**
 * Where sessions live, shared by every gateway instance. Keys are hashes of cookie tokens, never the tokens.
 * Thread-safe, non-blocking.
 */
public interface SessionStore {

    CompletionStage<Void> create(String tokenHash, ConsoleSession session, Duration idle);

    /** The session, its idle expiry pushed to {@code idle} from now; empty when unknown or expired. */
    CompletionStage<Optional<ConsoleSession>> touch(String tokenHash, Duration idle);

    CompletionStage<Void> delete(String tokenHash);
}

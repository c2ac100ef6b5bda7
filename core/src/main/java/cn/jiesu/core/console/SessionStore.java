package cn.jiesu.core.console;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletionStage;

/**
 * Where sessions and sign-in failure counts live, shared by every gateway instance. Keys are hashes of cookie
 * tokens, never the tokens. Thread-safe, non-blocking.
 */
public interface SessionStore {

    CompletionStage<Void> create(String tokenHash, ConsoleSession session, Duration idle);

    /** The session, its idle expiry pushed to {@code idle} from now; empty when unknown or expired. */
    CompletionStage<Optional<ConsoleSession>> touch(String tokenHash, Duration idle);

    CompletionStage<Void> delete(String tokenHash);

    /** Counts one failed sign-in of {@code ext}; the count expires {@code lockout} after the last failure. */
    CompletionStage<Long> failed(String ext, Duration lockout);

    CompletionStage<Long> failures(String ext);

    CompletionStage<Void> clearFailures(String ext);
}

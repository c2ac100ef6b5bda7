package cn.jiesu.core.console;

import java.util.concurrent.CompletionStage;

/**
 * Counts password checks per (extension, client address) and per extension, shared by every gateway instance.
 * A check is reserved before it runs, in one atomic step, so concurrent wrong passwords cannot run more checks than
 * the {@link SignInPolicy} allows. Thread-safe, non-blocking.
 */
public interface SignInAttempts {

    /** Reserves one check of {@code ext}'s password from {@code source}, or says how long to wait. */
    CompletionStage<SignInGrant> reserve(String ext, String source, SignInPolicy policy);

    /**
     * A right password from {@code source}: its count starts again (the extension-wide count does not), and the
     * address is known to the extension for {@link SignInPolicy#knownFor()}: exempt from the extension-wide cap.
     */
    CompletionStage<Void> succeeded(String ext, String source, SignInPolicy policy);
}

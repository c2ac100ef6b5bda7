package cn.jiesu.core.console;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionStage;

/**
 * The phone appeals of calls, as the console needs them: found by the call's dedupe key
 * ({@code PHONE|<hotline>|<linkedid>}) and enriched with the agent's form. Thread-safe, non-blocking.
 */
public interface CallAppeals {

    /** The intake id of the call's appeal once the tracker has appended it; empty before. */
    CompletionStage<Optional<String>> intakeIdOf(String linkedid);

    /**
     * The appeal number (受理号) the call's appeal has, or will have once the tracker appends it: reserved when the
     * agent answers, so they can read it to the citizen during the call. Idempotent per call; the same number the
     * IVR status lookup and every channel's confirmation later know the appeal by.
     */
    CompletionStage<String> reserveAppealNo(String linkedid, Duration ttl);

    /** Overwrites intake codec fields on the stored appeal (same intake id); false when there is no such appeal. */
    CompletionStage<Boolean> enrich(String intakeId, Map<String, String> fields);
}

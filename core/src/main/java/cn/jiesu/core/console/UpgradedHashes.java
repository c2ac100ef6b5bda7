package cn.jiesu.core.console;

import java.util.Optional;
import java.util.concurrent.CompletionStage;

/**
 * Stronger hashes of configured accounts' passwords, made at sign-in: Jiesu cannot rewrite the config file, so the
 * upgrade is kept beside it (Redis) and used only while the configured hash is still the one it replaced. An
 * operator who puts a new hash in the config therefore always wins. Thread-safe, non-blocking.
 */
public interface UpgradedHashes {

    /** The upgrade of {@code configured}, {@code ext}'s hash in the config, if one was made from that very hash. */
    CompletionStage<Optional<String>> find(String ext, String configured);

    CompletionStage<Void> store(String ext, String configured, String upgraded);
}

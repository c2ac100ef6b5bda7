package cn.jiesu.channels.classify;

import cn.jiesu.core.classify.Classification;
import cn.jiesu.core.classify.Classifier;
import cn.jiesu.core.classify.ExplicitChoice;
import cn.jiesu.core.classify.KeywordClassifier;
import cn.jiesu.core.classify.TextNormalizer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link Classifier} whose rules come from a YAML file and can be replaced without a restart. {@link #reload()}
 * builds the new automaton completely and then swaps it in atomically; classifications running at that moment
 * finish on the rules they started with. A file that fails to load leaves the previous rules in force.
 * {@link #reloadIfChanged()} is the polling form: it reloads only when the file's modification time or size moved
 * since the last attempt, so a broken file is reported once, not at every poll.
 *
 * <p>Thread-safe: classify from any thread; reload from any thread (concurrent reloads are serialized).
 */
public final class ReloadableClassifier implements Classifier {
    private static final Logger LOG = LoggerFactory.getLogger(ReloadableClassifier.class);

    /** What a reload did. */
    public record ReloadResult(boolean loaded, int ruleCount, String error) {
    }

    private final Path file;
    private final TextNormalizer normalizer;
    private final AtomicReference<KeywordClassifier> current = new AtomicReference<>();
    private volatile FileStamp lastAttempt;

    /** What the file looked like when it was last read; null fields when it could not be examined. */
    private record FileStamp(FileTime modified, long size) {
        static FileStamp of(Path file) {
            try {
                BasicFileAttributes a = Files.readAttributes(file, BasicFileAttributes.class);
                return new FileStamp(a.lastModifiedTime(), a.size());
            } catch (IOException e) {
                return new FileStamp(null, -1);
            }
        }
    }

    private ReloadableClassifier(Path file, TextNormalizer normalizer) {
        this.file = file;
        this.normalizer = normalizer;
    }

    /** Loads {@code file} now; a broken file at startup is fatal (IllegalArgumentException naming the field). */
    public static ReloadableClassifier load(Path file, TextNormalizer normalizer) {
        ReloadableClassifier c = new ReloadableClassifier(file, normalizer);
        c.lastAttempt = FileStamp.of(file);
        c.current.set(c.build());
        return c;
    }

    /** Re-reads the file; on failure keeps the current rules and reports why. */
    public synchronized ReloadResult reload() {
        lastAttempt = FileStamp.of(file);
        try {
            KeywordClassifier next = build();
            current.set(next);
            LOG.info("classification rules reloaded from {}: {} rules", file, next.rules().rules().size());
            return new ReloadResult(true, next.rules().rules().size(), null);
        } catch (IllegalArgumentException | IllegalStateException e) {
            LOG.warn("classification rules in {} not reloaded, previous rules stay in force: {}", file,
                    e.getMessage());
            return new ReloadResult(false, current.get().rules().rules().size(), e.getMessage());
        }
    }

    /** Reloads when the file changed since the last load or attempt; null when it did not. */
    public synchronized ReloadResult reloadIfChanged() {
        return Objects.equals(FileStamp.of(file), lastAttempt) ? null : reload();
    }

    public int ruleCount() {
        return current.get().rules().rules().size();
    }

    @Override
    public Classification classify(String text, ExplicitChoice explicit) {
        return current.get().classify(text, explicit);
    }

    private KeywordClassifier build() {
        String yaml;
        try {
            yaml = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(file + ": cannot read: " + e.getMessage(), e);
        }
        return new KeywordClassifier(ClassificationRulesYaml.parse(yaml, file.toString()), normalizer);
    }
}

package cn.jiesu.channels.classify;

import cn.jiesu.channels.YamlTree;
import cn.jiesu.core.classify.Classification;
import cn.jiesu.core.classify.ClassificationRules;
import cn.jiesu.core.classify.Classifier;
import cn.jiesu.core.classify.ExplicitChoice;
import cn.jiesu.core.classify.KeywordClassifier;
import cn.jiesu.core.classify.TextNormalizer;
import cn.jiesu.core.classify.TriageClassifier;
import cn.jiesu.core.classify.TriageCues;
import cn.jiesu.core.classify.TriageExample;
import cn.jiesu.core.classify.TriageModel;
import cn.jiesu.core.config.ConfigNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link Classifier} whose rules and model come from files and can be replaced without a restart: the keyword
 * rules of {@code config/classification.yaml} and, when that file has a {@code triage:} section, a model trained
 * from the labelled corpus files it names. {@link #reload()} builds the new rules and trains the new model
 * completely and then swaps them in atomically; classifications running at that moment finish on what they started
 * with. Files that fail to load leave the previous rules and model in force. {@link #reloadIfChanged()} is the
 * polling form: it reloads only when the rules file or a corpus file moved since the last attempt, so a broken
 * file is reported once, not at every poll.
 *
 * <p>Thread-safe: classify from any thread; reload from any thread (concurrent reloads are serialized).
 */
public final class ReloadableClassifier implements Classifier {
    private static final Logger LOG = LoggerFactory.getLogger(ReloadableClassifier.class);

    /** What a reload did. */
    public record ReloadResult(boolean loaded, int ruleCount, String error) {}

    /** What is in force: the classifier, its keyword rules, the corpus size (0 without a model). */
    private record Loaded(Classifier classifier, KeywordClassifier keywords, int corpusRows, List<Path> watched) {}

    /** What the watched files looked like when last read; null fields when a file could not be examined. */
    private record FileStamp(Path file, FileTime modified, long size) {
        static FileStamp of(Path file) {
            try {
                BasicFileAttributes a = Files.readAttributes(file, BasicFileAttributes.class);
                return new FileStamp(file, a.lastModifiedTime(), a.size());
            } catch (IOException e) {
                return new FileStamp(file, null, -1);
            }
        }
    }

    private final Path file;
    private final TextNormalizer normalizer;
    private final AtomicReference<Loaded> current = new AtomicReference<>();
    private volatile List<FileStamp> lastAttempt = List.of();

    private ReloadableClassifier(Path file, TextNormalizer normalizer) {
        this.file = file;
        this.normalizer = normalizer;
    }

    /** Loads {@code file} (and its corpus) now; a broken file at startup is fatal, the exception names the field. */
    public static ReloadableClassifier load(Path file, TextNormalizer normalizer) {
        ReloadableClassifier c = new ReloadableClassifier(file, normalizer);
        c.lastAttempt = stamps(List.of(file));
        Loaded loaded = c.build();
        c.lastAttempt = stamps(loaded.watched());
        c.current.set(loaded);
        return c;
    }

    /** Re-reads the files; on failure keeps what is in force and reports why. */
    public synchronized ReloadResult reload() {
        lastAttempt = stamps(current.get().watched());
        try {
            Loaded next = build();
            lastAttempt = stamps(next.watched());
            current.set(next);
            LOG.info(
                    "classification reloaded from {}: {} rules, model trained on {} labelled appeals",
                    file,
                    ruleCount(next),
                    next.corpusRows());
            return new ReloadResult(true, ruleCount(next), null);
        } catch (IllegalArgumentException | IllegalStateException e) {
            LOG.warn(
                    "classification in {} not reloaded, previous rules and model stay in force: {}",
                    file,
                    e.getMessage());
            return new ReloadResult(false, ruleCount(current.get()), e.getMessage());
        }
    }

    /** Reloads when a watched file changed since the last load or attempt; null when none did. */
    public synchronized ReloadResult reloadIfChanged() {
        return Objects.equals(stamps(current.get().watched()), lastAttempt) ? null : reload();
    }

    public int ruleCount() {
        return ruleCount(current.get());
    }

    /** Labelled appeals the model in force was trained on; 0 when only keyword rules are configured. */
    public int corpusRows() {
        return current.get().corpusRows();
    }

    /** The keyword rules in force: topics for merging come from them. */
    public KeywordClassifier keywords() {
        return current.get().keywords();
    }

    @Override
    public Classification classify(String text, ExplicitChoice explicit) {
        return current.get().classifier().classify(text, explicit);
    }

    private static int ruleCount(Loaded l) {
        return l.keywords().rules().rules().size();
    }

    private static List<FileStamp> stamps(List<Path> files) {
        return files.stream().map(FileStamp::of).toList();
    }

    private Loaded build() {
        String yaml;
        try {
            yaml = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(file + ": cannot read: " + e.getMessage(), e);
        }
        ConfigNode root = YamlTree.parse(yaml, file.toString());
        ClassificationRules rules = ClassificationRulesYaml.fromTree(root);
        KeywordClassifier keywords = new KeywordClassifier(rules, normalizer);
        TriageSettings triage = TriageSettings.of(root, file, rules.emergencyOverridesExplicit());
        if (triage == null) {
            return new Loaded(keywords, keywords, 0, List.of(file));
        }
        List<TriageExample> corpus = new ArrayList<>();
        triage.corpus().forEach(f -> TriageCorpus.read(f).forEach(r -> corpus.add(r.example())));
        TriageModel model = TriageModel.train(corpus, keywords, new TriageCues(triage.cues(), normalizer), normalizer);
        List<Path> watched = new ArrayList<>(List.of(file));
        watched.addAll(triage.corpus());
        return new Loaded(
                new TriageClassifier(keywords, model, triage.policy(), normalizer),
                keywords,
                corpus.size(),
                List.copyOf(watched));
    }
}

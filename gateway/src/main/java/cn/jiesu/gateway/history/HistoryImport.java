package cn.jiesu.gateway.history;

import cn.jiesu.core.classify.Classifier;
import cn.jiesu.core.hotspot.HotspotAppeal;
import cn.jiesu.core.hotspot.HotspotDetector;
import cn.jiesu.core.hotspot.HotspotPolicy;
import cn.jiesu.core.hotspot.Resolution;
import cn.jiesu.core.intake.Location;
import cn.jiesu.core.intake.PlaceMark;
import cn.jiesu.core.place.PlaceResolution;
import cn.jiesu.core.place.PlaceResolver;
import cn.jiesu.core.place.PlacingAppealStore;
import cn.jiesu.core.problems.ProblemAppeal;
import cn.jiesu.core.problems.ProblemKey;
import cn.jiesu.core.problems.ProblemStore;
import cn.jiesu.redis.history.ImportedAppeals;
import cn.jiesu.redis.history.ImportedAppeals.Claim;
import cn.jiesu.redis.hotspot.WriteBehindHotspotStore;
import java.io.IOException;
import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;

/**
 * {@code jiesu import-history}'s work: reads the old case system's appeals line by line, triages and places each as
 * an intake is (the configured classification rules and gazetteer), and counts it, at most once per case number,
 * into the hotspot detector's history ({@link HotspotDetector#count}: the baseline only, never opening a hotspot) and
 * into recurring problems' monthly counts. Nothing is appended to the intake stream and 三率 are not touched: these
 * are not new appeals. Lines are handled in batches: marks, counts and problem writes of a batch are sent together
 * and awaited once; a batch that fails takes its marks back, so re-running the same file finishes the job.
 */
public final class HistoryImport {
    /** How far ahead of the clock a receive time may be (clock skew of the old system), not more. */
    private static final Duration FUTURE_SLACK = Duration.ofMinutes(5);

    /** A batch's failure to reach Redis; its lines were not counted (their marks were given back). */
    public static final class Failed extends RuntimeException {
        Failed(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private record Line(
            long number, HistoryLine line, Set<String> topics, PlaceMark place, boolean hotspots, Claim claim) {}

    private final Classifier classifier;
    private final Set<String> knownTopics;
    private final PlaceResolver resolver;
    private final WriteBehindHotspotStore store;
    private final HotspotDetector detector;
    private final ProblemStore problems;
    private final ImportedAppeals marks;
    private final ZoneId zone;
    private final int retentionMonths;
    private final Clock clock;
    private final int batchSize;
    private final Duration progressEvery;

    /**
     * @param resolver        the gazetteer's resolver; null when none is configured (every line unplaced)
     * @param knownTopics     the topics the classification rules name: a line's own topics must be among them
     * @param retentionMonths problems.retention-months: older months are expired, not counted
     */
    public HistoryImport(
            Classifier classifier,
            Set<String> knownTopics,
            PlaceResolver resolver,
            WriteBehindHotspotStore hotspots,
            HotspotPolicy policy,
            ProblemStore problems,
            ImportedAppeals marks,
            ZoneId zone,
            int retentionMonths,
            Clock clock,
            int batchSize,
            Duration progressEvery) {
        this.classifier = classifier;
        this.knownTopics = Set.copyOf(knownTopics);
        this.resolver = resolver;
        this.store = hotspots;
        this.detector = new HotspotDetector(store, policy, clock);
        this.problems = problems;
        this.marks = marks;
        this.zone = zone;
        this.retentionMonths = retentionMonths;
        this.clock = clock;
        this.batchSize = batchSize;
        this.progressEvery = progressEvery;
    }

    /**
     * Imports every line of {@code in} into {@code s} (the caller's, so an interrupted run can still print what was
     * counted); refused lines are reported on {@code err} ("line N: problem") and skipped.
     *
     * @throws Failed      when Redis failed: the lines before were counted, the failed batch was not
     * @throws IOException when {@code in} could not be read
     */
    public ImportSummary run(HistoryLines in, ImportSummary s, PrintStream err) throws IOException {
        long started = System.nanoTime();
        long lastReport = started;
        List<Line> batch = new ArrayList<>(batchSize);
        LineReader.Line next;
        while ((next = nextOrCountRead(in, batch, s)) != null) {
            long number = next.number();
            String text = next.text();
            if (text != null && number == 1 && text.startsWith("\uFEFF")) {
                text = text.substring(1); // a byte order mark some exporters write
            }
            if (text != null && text.isBlank()) {
                continue;
            }
            s.read++;
            if (text == null) {
                s.refused++;
                err.println("line " + number + ": " + next.problem());
                continue;
            }
            Line line = prepare(number, text, s, err);
            if (line != null) {
                batch.add(line);
            }
            if (batch.size() >= batchSize) {
                count(batch, s);
                batch.clear();
            }
            long now = System.nanoTime();
            if (now - lastReport >= progressEvery.toNanos()) {
                lastReport = now;
                err.printf(
                        "import-history: %d lines read, %d counted, %d already imported, %d refused, %.0f lines/s%n",
                        s.read, s.counted, s.alreadyImported, s.refused, s.read / ((now - started) / 1e9));
            }
        }
        count(batch, s);
        return s;
    }

    /**
     * The next line; when the input fails (a CSV quote never closed, a read error), the lines read before it are
     * counted first, so a re-run after mending the file finds them imported.
     */
    private LineReader.Line nextOrCountRead(HistoryLines in, List<Line> batch, ImportSummary s) throws IOException {
        try {
            return in.next();
        } catch (IOException e) {
            count(batch, s);
            batch.clear();
            throw e;
        }
    }

    /** The line parsed, triaged and placed; null when refused (reported) or too old to count anywhere. */
    private Line prepare(long number, String text, ImportSummary s, PrintStream err) {
        HistoryLine h;
        Set<String> topics;
        try {
            h = HistoryLine.parse(text, clock.instant().plus(FUTURE_SLACK));
            topics = topics(h);
        } catch (IllegalArgumentException e) {
            s.refused++;
            err.println("line " + number + ": " + e.getMessage());
            return null;
        }
        Instant now = clock.instant();
        YearMonth month = YearMonth.from(h.receivedAt().atZone(zone));
        Instant problemsExpire = month.plusMonths(retentionMonths + 1L)
                .atDay(1)
                .atStartOfDay(zone)
                .toInstant();
        boolean hotspots = h.receivedAt().isAfter(now.minus(Resolution.HOUR.retention()));
        if (!hotspots && !problemsExpire.isAfter(now)) {
            s.tooOld++;
            return null;
        }
        // The mark lasts as long as the longest-kept count it guards: the problems month, or the hourly page (a
        // week long) plus its retention.
        Instant hourlyExpire = h.receivedAt().plus(Resolution.HOUR.retention()).plus(Duration.ofDays(8));
        Instant expires = problemsExpire.isAfter(hourlyExpire) ? problemsExpire : hourlyExpire;
        Claim claim = new Claim(h.id(), expires);
        return new Line(number, h, topics, place(h), hotspots, claim);
    }

    /** The old system's own labels when it had them (each must be a configured topic), else what triage finds. */
    private Set<String> topics(HistoryLine h) {
        if (!h.topics().isEmpty()) {
            for (String t : h.topics()) {
                if (!knownTopics.contains(t)) {
                    throw new IllegalArgumentException("topics: " + t + " is not a topic of the classification rules "
                            + new TreeSet<>(knownTopics));
                }
            }
            return new LinkedHashSet<>(h.topics());
        }
        String text = h.triageText();
        return text.isEmpty() ? Set.of() : classifier.classify(text).topics();
    }

    private PlaceMark place(HistoryLine h) {
        if (resolver == null) {
            return null;
        }
        Location location = h.address() == null && h.lat() == null
                ? null
                : new Location(h.address(), h.lat(), h.lon(), h.crs(), null, null, null);
        PlaceResolution r = PlacingAppealStore.resolve(resolver, location, h.title(), h.text());
        return r.resolved() ? PlacingAppealStore.mark(r) : null;
    }

    private void count(List<Line> batch, ImportSummary s) {
        if (batch.isEmpty()) {
            return;
        }
        List<Claim> claims = batch.stream().map(Line::claim).toList();
        List<Boolean> taken = join(marks.claim(claims), "marking appeals as imported");
        List<Claim> mine = new ArrayList<>();
        for (int i = 0; i < batch.size(); i++) {
            if (taken.get(i)) {
                mine.add(claims.get(i));
            }
        }
        List<CompletableFuture<Boolean>> writes = new ArrayList<>();
        try {
            for (int i = 0; i < batch.size(); i++) {
                if (!taken.get(i)) {
                    continue;
                }
                Line l = batch.get(i);
                HistoryLine h = l.line();
                if (l.hotspots()) {
                    detector.count(new HotspotAppeal(
                            h.id(),
                            h.receivedAt(),
                            l.topics(),
                            l.place() == null ? null : l.place().district(),
                            l.place() == null ? null : l.place().street()));
                }
                List<ProblemKey> keys = ProblemKey.of(l.topics(), l.place());
                if (!keys.isEmpty()) {
                    writes.add(problems.count(new ProblemAppeal(
                                    h.id(),
                                    h.receivedAt(),
                                    YearMonth.from(h.receivedAt().atZone(zone)),
                                    keys))
                            .toCompletableFuture());
                }
            }
            store.flush();
            join(CompletableFuture.allOf(writes.toArray(CompletableFuture[]::new)), "counting recurring problems");
        } catch (RuntimeException e) {
            store.discard();
            try {
                join(marks.release(mine), "giving the batch's marks back");
            } catch (RuntimeException ignored) {
                // Redis is failing: the error below says so; these lines are counted in part at most.
            }
            throw e instanceof Failed f ? f : new Failed("counting the batch failed: " + e.getMessage(), e);
        }
        for (int i = 0; i < batch.size(); i++) {
            Line l = batch.get(i);
            if (!taken.get(i)) {
                s.alreadyImported++;
                continue;
            }
            s.counted++;
            if (!l.hotspots()) {
                s.problemsOnly++;
            }
            if (l.place() == null) {
                s.unplaced++;
            }
            if (l.topics().isEmpty()) {
                s.noTopic++;
            }
        }
    }

    private static <T> T join(CompletionStage<T> stage, String what) {
        try {
            return stage.toCompletableFuture().join();
        } catch (CompletionException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            throw new Failed(what + " failed: " + cause.getMessage(), cause);
        }
    }
}

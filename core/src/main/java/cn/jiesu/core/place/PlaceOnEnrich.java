package cn.jiesu.core.place;

import cn.jiesu.core.appeal.AppealStore;
import cn.jiesu.core.classify.Classifier;
import cn.jiesu.core.console.AfterEnrich;
import cn.jiesu.core.console.CallAppeals;
import cn.jiesu.core.intake.Intake;
import cn.jiesu.core.intake.PlaceMark;
import cn.jiesu.core.rates.RateScope;
import cn.jiesu.core.rates.RateStore;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The console's {@link CallAppeals} that places a phone appeal once the agent's form gives it words: a call is
 * appended with no address and no text, so it was unplaced and had no topics. When an enrichment touches the
 * address or the text, the appeal is placed again (the agent's address is what the citizen said on the phone) and
 * its topics are taken from the text; both are written onto the stored appeal, its 三率 counts move to the new place
 * ({@link RateStore#rescope}), and it is handed to the recurring-problems count (which counts an appeal once).
 *
 * <p>It completes the agent's save only after the marks are written, so a wrapper that reads the appeal back (the
 * hotspot count) sees them. A failure after the save is reported to {@code failed} and never fails the save: the
 * agent's text is stored either way.
 */
public final class PlaceOnEnrich extends AfterEnrich {
    private final AppealStore store;
    private final PlacingAppealStore placer;
    private final Classifier classifier;
    private final RateStore rates;
    private final Function<Intake, CompletionStage<Void>> problems;
    private final Consumer<Throwable> failed;

    public PlaceOnEnrich(
            CallAppeals delegate,
            AppealStore store,
            PlacingAppealStore placer,
            Classifier classifier,
            RateStore rates,
            Function<Intake, CompletionStage<Void>> problems,
            Consumer<Throwable> failed) {
        super(delegate);
        this.store = store;
        this.placer = placer;
        this.classifier = classifier;
        this.rates = rates;
        this.problems = problems;
        this.failed = failed;
    }

    /** Only an enrichment that touches the address or the text can move the place or the topics. */
    @Override
    protected CompletionStage<Void> enriched(String intakeId, Map<String, String> fields) {
        boolean words = fields.keySet().stream()
                .anyMatch(k -> k.startsWith("location.") || k.equals("content") || k.equals("title"));
        return words ? marked(intakeId) : DONE;
    }

    @Override
    protected void failed(String intakeId, Throwable e) {
        failed.accept(e);
    }

    private CompletionStage<Void> marked(String intakeId) {
        return store.byId(intakeId).thenCompose(found -> {
            if (found.isEmpty()) {
                return CompletableFuture.completedFuture(null);
            }
            Intake before = found.get().intake();
            Map<String, String> marks = marks(before);
            if (marks.isEmpty()) {
                return CompletableFuture.completedFuture(null);
            }
            Intake after = before.toBuilder()
                    .place(place(before))
                    .triage(before.triage().withTopics(topics(before)))
                    .build();
            return delegate()
                    .enrich(intakeId, marks)
                    .thenCompose(n -> Objects.equals(before.place(), after.place())
                            ? CompletableFuture.completedFuture(false)
                            : rates.rescope(intakeId, RateScope.of(after)))
                    .thenCompose(n -> problems.apply(after));
        });
    }

    /** The place.* and triage.topics fields that differ from what the appeal has; empty when nothing changed. */
    private Map<String, String> marks(Intake in) {
        Map<String, String> out = new LinkedHashMap<>();
        PlaceMark place = place(in);
        if (place != null && !place.equals(in.place())) {
            out.put("place.district", place.district());
            if (place.street() != null) {
                out.put("place.street", place.street());
            }
            out.put("place.confidence", Double.toString(place.confidence()));
        }
        Set<String> topics = topics(in);
        if (!topics.isEmpty() && !topics.equals(in.triage().topics())) {
            out.put("triage.topics", String.join(",", new TreeSet<>(topics)));
        }
        return out;
    }

    /**
     * The agent's address (and text) placed anew; the old mark when they place nothing, or only a district while
     * the old mark has a street (an overwrite cannot remove the old street field, and a vaguer address is no reason
     * to forget it).
     */
    private PlaceMark place(Intake in) {
        PlaceResolution r = placer.resolve(in);
        if (!r.resolved()
                || (r.unit() == null && in.place() != null && in.place().street() != null)) {
            return in.place();
        }
        return PlacingAppealStore.mark(r);
    }

    private Set<String> topics(Intake in) {
        String text =
                ((in.title() == null ? "" : in.title()) + " " + (in.content() == null ? "" : in.content())).trim();
        return text.isEmpty() ? in.triage().topics() : classifier.classify(text).topics();
    }
}

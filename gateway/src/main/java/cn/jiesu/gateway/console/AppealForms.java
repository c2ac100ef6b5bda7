package cn.jiesu.gateway.console;

import cn.jiesu.core.appeal.AppealStore;
import cn.jiesu.core.classify.TriageCorrection;
import cn.jiesu.core.classify.TriageDecisions;
import cn.jiesu.core.console.CallAppeals;
import cn.jiesu.core.console.DraftStore;
import cn.jiesu.core.intake.Intake;
import cn.jiesu.core.intake.RequestType;
import cn.jiesu.core.intake.Urgency;
import cn.jiesu.core.sla.SlaPolicy;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Saves an agent's form onto the call's phone appeal, so the call ends as ONE appeal carrying the agent's text.
 *
 * <p>The AMI tracker is the only creator of phone appeals: it appends at hangup under the dedupe key
 * {@code PHONE|<hotline>|<linkedid>}. A form saved after that enriches the appeal at once (same intake id). A form
 * saved while the call is up is kept as a draft keyed by the Linkedid and merged when the appeal appears: on the
 * call's end event (with retries, since the tracker appends asynchronously) and by a periodic sweep that any
 * instance runs, so a restart or a lost event only delays the merge. Merging is an idempotent overwrite, so two
 * instances merging the same draft is harmless.
 *
 * <p>Threading: every method runs on the console's context.
 */
final class AppealForms {
    /** After a call's end, look for its appeal at these delays (ms): the tracker appends a moment after. */
    static final long[] MERGE_DELAYS_MS = {100, 500, 2_000, 5_000};

    private static final int SWEEP_BATCH = 100;
    private static final Logger LOG = LoggerFactory.getLogger(AppealForms.class);

    /**
     * How a save went: {@code enriched} (the appeal exists and carries the form) or {@code draft} (pending), and the
     * 受理号 it is or will be filed under (null when it could not be read or reserved: the form is saved anyway).
     */
    record Saved(String mode, String intakeId, String appealNo) {}

    private final Context context;
    private final ConsoleConfig config;
    private final CallAppeals appeals;
    private final AppealStore store;
    private final DraftStore drafts;
    private final SlaPolicy sla;
    private final ConsoleMetrics metrics;
    private final TriageDecisions triage;
    private final Clock clock;

    AppealForms(
            Context context,
            ConsoleConfig config,
            CallAppeals appeals,
            AppealStore store,
            DraftStore drafts,
            SlaPolicy sla,
            ConsoleMetrics metrics,
            TriageDecisions triage,
            Clock clock) {
        this.context = context;
        this.config = config;
        this.appeals = appeals;
        this.store = store;
        this.drafts = drafts;
        this.sla = sla;
        this.metrics = metrics;
        this.triage = triage;
        this.clock = clock;
    }

    Future<Saved> save(String linkedid, AppealForm form) {
        Map<String, String> fields = form.fields();
        return intakeIdOf(linkedid)
                .compose(found -> {
                    if (found != null) {
                        return enrich(found, fields).map(ok -> "enriched");
                    }
                    return Future.fromCompletionStage(drafts.save(linkedid, fields, config.draftTtl()), context)
                            // The appeal may have been appended between the lookup and the save: try once more now.
                            .compose(v -> merge(linkedid))
                            .map(merged -> merged ? "enriched" : "draft");
                })
                .onSuccess(metrics::formSaved)
                // The number is the one reserved at answer (the appeal's own once appended): the same either way.
                .compose(mode -> intakeIdOf(linkedid)
                        .compose(id -> reserve(linkedid).map(no -> new Saved(mode, id, no)))
                        .recover(e -> Future.succeededFuture(new Saved(mode, null, null))));
    }

    /**
     * The 受理号 of the call's appeal, reserved now if the tracker has not appended it yet (it lives as long as a
     * draft would: {@code console.draft-ttl}).
     */
    Future<String> reserve(String linkedid) {
        return Future.fromCompletionStage(appeals.reserveAppealNo(linkedid, config.draftTtl()), context);
    }

    /**
     * The call ended: look for its appeal a few times (the tracker appends it a moment after the hangup) and merge
     * the agent's draft into it. Completes with the stored appeal as the pop shows it ({@link PopFacts#storedAppeal});
     * fails when the appeal did not appear in time (the periodic sweep still merges a draft later).
     */
    Future<JsonObject> callEnded(String linkedid) {
        Promise<JsonObject> stored = Promise.promise();
        attempt(linkedid, 0, stored);
        return stored.future();
    }

    /** Merges every waiting draft whose appeal exists by now; runs periodically on any instance. */
    Future<Integer> sweep() {
        return Future.fromCompletionStage(drafts.waiting(SWEEP_BATCH), context).compose(ids -> {
            List<Future<Boolean>> merges = ids.stream().map(this::merge).toList();
            return Future.join(merges)
                    .transform(r -> Future.succeededFuture((int) merges.stream()
                            .filter(f -> f.succeeded() && f.result())
                            .count()));
        });
    }

    private void attempt(String linkedid, int i, Promise<JsonObject> stored) {
        if (i >= MERGE_DELAYS_MS.length) {
            stored.tryFail("the appeal of call " + linkedid + " did not appear in time");
            return;
        }
        context.owner()
                .setTimer(
                        MERGE_DELAYS_MS[i],
                        t -> settle(linkedid).onComplete(r -> {
                            if (r.succeeded() && r.result() != null) {
                                stored.tryComplete(r.result());
                            } else {
                                attempt(linkedid, i + 1, stored);
                            }
                        }));
    }

    /** The call's stored appeal with the draft merged into it, or null while the tracker has not appended it. */
    private Future<JsonObject> settle(String linkedid) {
        return intakeIdOf(linkedid).compose(id -> {
            if (id == null) {
                return Future.succeededFuture(null);
            }
            // Merged here or by a sweep on any instance before this look: the marker tells either way.
            return merge(linkedid)
                    .compose(done -> !done
                            ? Future.succeededFuture(null)
                            : Future.fromCompletionStage(drafts.wasMerged(linkedid), context)
                                    .compose(merged -> Future.fromCompletionStage(store.byId(id), context)
                                            .compose(r -> r.isEmpty()
                                                    ? Future.succeededFuture(null)
                                                    : numbersOf(r.get().intake().relatedIntakeIds())
                                                            .map(nos -> PopFacts.storedAppeal(r.get(), merged, nos)))));
        });
    }

    /**
     * The appeals {@code intakeId} is linked with now, by 受理号: the cross-channel merge that the agent's text
     * makes possible runs after the enrichment, so the links can come a few seconds after the stored appeal.
     */
    Future<List<String>> linked(String intakeId) {
        return Future.fromCompletionStage(store.byId(intakeId), context).compose(r -> {
            if (r.isEmpty()) {
                return Future.succeededFuture(List.<String>of());
            }
            List<String> ids = r.get().intake().relatedIntakeIds();
            return numbersOf(ids)
                    .map(nos -> ids.stream().map(id -> nos.getOrDefault(id, id)).toList());
        });
    }

    /** The 受理号 of the linked appeals (those not found are shown by intake id). */
    private Future<Map<String, String>> numbersOf(List<String> intakeIds) {
        Map<String, String> nos = new HashMap<>();
        List<Future<?>> reads = intakeIds.stream()
                .<Future<?>>map(id -> Future.fromCompletionStage(store.byId(id), context)
                        .onSuccess(r -> r.ifPresent(a -> nos.put(id, a.intake().appealNo()))))
                .toList();
        return Future.join(reads).transform(x -> Future.succeededFuture(nos));
    }

    /** True when a draft was merged, or there is none left to merge. */
    Future<Boolean> merge(String linkedid) {
        return Future.fromCompletionStage(drafts.get(linkedid), context).compose(fields -> {
            if (fields.isEmpty()) {
                // Expired or merged elsewhere: forget it.
                return Future.fromCompletionStage(drafts.remove(linkedid), context)
                        .map(v -> true);
            }
            return intakeIdOf(linkedid)
                    .compose(id -> id == null
                            ? Future.succeededFuture(false)
                            : enrich(id, fields)
                                    .compose(ok -> Future.fromCompletionStage(
                                            drafts.merged(linkedid, config.draftTtl()), context))
                                    .map(v -> {
                                        metrics.draftMerged();
                                        LOG.info("merged the agent's form into appeal {} of call {}", id, linkedid);
                                        return true;
                                    }));
        });
    }

    private Future<String> intakeIdOf(String linkedid) {
        return Future.fromCompletionStage(appeals.intakeIdOf(linkedid), context).map(o -> o.orElse(null));
    }

    /**
     * Overwrites the form's fields; a changed urgency moves the deadline with it (SLA from receivedAt). The agent's
     * tier and type settle triage: the appeal leaves the review list, and a changed tier or type, or one triage
     * had asked to confirm, is kept as a correction for the next training run.
     */
    private Future<Boolean> enrich(String intakeId, Map<String, String> fields) {
        if (!fields.containsKey("urgency")) {
            return Future.fromCompletionStage(appeals.enrich(intakeId, fields), context);
        }
        return Future.fromCompletionStage(store.byId(intakeId), context).compose(r -> {
            if (r.isEmpty()) {
                return Future.fromCompletionStage(appeals.enrich(intakeId, fields), context);
            }
            Intake before = r.get().intake();
            Urgency tier = Urgency.valueOf(fields.get("urgency"));
            RequestType type = fields.containsKey("requestType")
                    ? RequestType.valueOf(fields.get("requestType"))
                    : before.requestType();
            Instant due = sla.dueAt(tier, before.receivedAt());
            Map<String, String> f = new HashMap<>(fields);
            f.put("dueAt", due.toString());
            TriageCorrection correction = new TriageCorrection(
                    intakeId,
                    fields.getOrDefault("content", before.content()),
                    before.requestType(),
                    before.urgency(),
                    type,
                    tier,
                    before.call() != null && before.call().agent() != null
                            ? "agent " + before.call().agent()
                            : "console",
                    clock.instant());
            return Future.fromCompletionStage(appeals.enrich(intakeId, f), context)
                    .compose(ok -> !ok || !(before.triage().review() || correction.changed())
                            ? Future.succeededFuture(ok)
                            : Future.fromCompletionStage(triage.confirm(correction, due), context)
                                    .map(ok));
        });
    }
}

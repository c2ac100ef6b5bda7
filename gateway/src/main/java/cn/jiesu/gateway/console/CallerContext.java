package cn.jiesu.gateway.console;

import cn.jiesu.callbacks.CallbackDesk;
import cn.jiesu.core.appeal.AppealRecord;
import cn.jiesu.core.appeal.AppealStore;
import cn.jiesu.core.callback.CallbackRequest;
import cn.jiesu.core.intake.Intake;
import cn.jiesu.core.intake.PhoneNumbers;
import cn.jiesu.core.intake.Urgency;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Renders the body of a pop: the caller, their IVR path, their appeals of the last 90 days with status, text and
 * links, open callbacks (one row each, with kind and 受理号), the repeat-caller flag and the form's defaults. A lookup that fails or is slow leaves its part out
 * (flagged) rather than holding the pop back: the agent's phone is already ringing.
 */
final class CallerContext {
    private static final int SNIPPET_CHARS = 80;
    /** The text an expanded history line shows: the whole of an ordinary appeal, bounded for the pop's size. */
    private static final int CONTENT_CHARS = 1_000;

    private static final Logger LOG = LoggerFactory.getLogger(CallerContext.class);

    private final Context context;
    private final ConsoleConfig config;
    private final AppealStore appeals;
    private final CallbackDesk callbacks;
    private final Clock clock;

    CallerContext(Context context, ConsoleConfig config, AppealStore appeals, CallbackDesk callbacks, Clock clock) {
        this.context = context;
        this.config = config;
        this.appeals = appeals;
        this.callbacks = callbacks;
        this.clock = clock;
    }

    /** The pop's JSON body (without its state) for {@code offer}; never fails. */
    Future<JsonObject> load(CallOffer offer, String popId) {
        boolean withheld = PopFacts.withheld(offer.callerNumber());
        String phone = withheld ? null : PhoneNumbers.normalize(offer.callerNumber());
        Instant now = clock.instant();
        JsonObject pop = new JsonObject()
                .put("popId", popId)
                .put("linkedid", offer.linkedid())
                .put("agent", offer.agentExt())
                .put("callerNumber", withheld ? null : offer.callerNumber())
                .put("withheld", withheld)
                .put("queue", offer.queue())
                .put("offeredAt", offer.at().toString())
                .put("ivr", ivr(offer.ivr()))
                .put("historyDays", config.historyWindow().toDays())
                .put(
                        "form",
                        new JsonObject()
                                .put("content", "")
                                .put("address", "")
                                .put("requestType", name(offer.ivr().requestType()))
                                .put(
                                        "urgency",
                                        name(
                                                offer.ivr().urgency() == null
                                                        ? Urgency.NORMAL
                                                        : offer.ivr().urgency())));
        if (phone == null) {
            return Future.succeededFuture(pop.put("history", new JsonArray())
                    .put("emergency", PopFacts.emergency(offer.ivr(), new JsonArray()))
                    .put("callbacks", new JsonArray())
                    .put("repeatCaller", false));
        }
        Future<List<AppealRecord>> history =
                bounded(Future.fromCompletionStage(appeals.byPhone(phone, config.historyLimit()), context), "history");
        Future<List<CallbackRequest>> open =
                bounded(Future.fromCompletionStage(callbacks.openFor(phone), context), "callbacks");
        return Future.join(history, open).transform(ignored -> {
            Instant from = now.minus(config.historyWindow());
            Instant repeatFrom = now.minus(config.repeatWindow());
            // 受理号 by intake id, for the history's links and the callbacks' appeals.
            Map<String, String> appealNos = new HashMap<>();
            if (history.succeeded()) {
                history.result()
                        .forEach(r ->
                                appealNos.put(r.intake().intakeId(), r.intake().appealNo()));
            }
            JsonArray rows = new JsonArray();
            boolean repeat = false;
            if (history.succeeded()) {
                for (AppealRecord r : history.result()) {
                    Intake in = r.intake();
                    if (in.receivedAt().isBefore(from) || offer.linkedid().equals(in.channelMessageId())) {
                        continue;
                    }
                    repeat |= !in.receivedAt().isBefore(repeatFrom);
                    rows.add(row(r, appealNos));
                }
            }
            boolean repeatCaller = repeat;
            List<CallbackRequest> cbs = open.succeeded() ? open.result() : List.of();
            return numbersOf(cbs, appealNos).map(v -> {
                JsonArray cbRows = new JsonArray();
                cbs.forEach(c -> cbRows.add(PopFacts.callback(c, appealNos)));
                return pop.put("history", rows)
                        .put("emergency", PopFacts.emergency(offer.ivr(), rows))
                        .put("historyError", history.failed())
                        .put("callbacks", cbRows)
                        .put("callbacksError", open.failed())
                        .put("repeatCaller", repeatCaller);
            });
        });
    }

    /**
     * Adds to {@code appealNos} the 受理号 of the callbacks' appeals not in the history (older than its limit);
     * a lookup that fails leaves the callback without its number.
     */
    private Future<Void> numbersOf(List<CallbackRequest> cbs, Map<String, String> appealNos) {
        List<Future<?>> lookups = new ArrayList<>();
        cbs.stream()
                .map(CallbackRequest::intakeId)
                .distinct()
                .filter(id -> !appealNos.containsKey(id))
                .forEach(id ->
                        lookups.add(bounded(Future.fromCompletionStage(appeals.byId(id), context), "callback appeal")
                                .onSuccess(r -> r.ifPresent(
                                        a -> appealNos.put(id, a.intake().appealNo())))));
        return Future.join(lookups).transform(r -> Future.succeededFuture());
    }

    private <T> Future<T> bounded(Future<T> lookup, String what) {
        return lookup.timeout(config.contextTimeout().toMillis(), TimeUnit.MILLISECONDS)
                .onFailure(e -> LOG.warn("pop without {}: {}", what, e.toString()));
    }

    private static JsonObject ivr(IvrPath ivr) {
        return new JsonObject()
                .put("language", ivr.language())
                .put("choices", new JsonArray(ivr.choices()))
                .put("labels", new JsonArray(ivr.labels()))
                .put("urgency", name(ivr.urgency()))
                .put("requestType", name(ivr.requestType()));
    }

    private static String name(Enum<?> e) {
        return e == null ? null : e.name();
    }

    private static JsonObject row(AppealRecord r, Map<String, String> appealNos) {
        Intake in = r.intake();
        String content = in.content() == null ? "" : in.content();
        return new JsonObject()
                .put("intakeId", in.intakeId())
                .put("appealNo", in.appealNo())
                .put("receivedAt", in.receivedAt().toString())
                .put("channel", in.channel().name())
                .put("requestType", in.requestType().name())
                .put("urgency", in.urgency().name())
                .put("review", in.triage().review())
                .put("reviewReason", in.triage().reason())
                .put("status", r.status().name())
                .put("title", in.title())
                .put("snippet", content.length() > SNIPPET_CHARS ? content.substring(0, SNIPPET_CHARS) + "…" : content)
                .put("content", content.length() > CONTENT_CHARS ? content.substring(0, CONTENT_CHARS) + "…" : content)
                .put("address", in.location() == null ? null : in.location().addressText())
                .put("related", PopFacts.related(in, appealNos))
                .put("number", in.citizen().contactNumber());
    }
}

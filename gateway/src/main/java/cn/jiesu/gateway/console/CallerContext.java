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
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Renders the body of a pop: the caller, their IVR path, their appeals of the last 90 days with status, open
 * callbacks, the repeat-caller flag and the form's defaults. A lookup that fails or is slow leaves its part out
 * (flagged) rather than holding the pop back: the agent's phone is already ringing.
 */
final class CallerContext {
    private static final int SNIPPET_CHARS = 80;
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
            JsonArray rows = new JsonArray();
            boolean repeat = false;
            if (history.succeeded()) {
                for (AppealRecord r : history.result()) {
                    Intake in = r.intake();
                    if (in.receivedAt().isBefore(from) || offer.linkedid().equals(in.channelMessageId())) {
                        continue;
                    }
                    repeat |= !in.receivedAt().isBefore(repeatFrom);
                    rows.add(row(r));
                }
            }
            JsonArray cbs = new JsonArray();
            if (open.succeeded()) {
                open.result().forEach(c -> cbs.add(callback(c)));
            }
            return Future.succeededFuture(pop.put("history", rows)
                    .put("emergency", PopFacts.emergency(offer.ivr(), rows))
                    .put("historyError", history.failed())
                    .put("callbacks", cbs)
                    .put("callbacksError", open.failed())
                    .put("repeatCaller", repeat));
        });
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

    private static JsonObject row(AppealRecord r) {
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
                .put("address", in.location() == null ? null : in.location().addressText())
                .put("number", in.citizen().contactNumber());
    }

    private static JsonObject callback(CallbackRequest c) {
        return new JsonObject()
                .put("callbackId", c.callbackId())
                .put("intakeId", c.intakeId())
                .put("kind", c.kind().name())
                .put("number", c.number())
                .put("deadline", c.deadline().toString())
                .put("status", c.status().name())
                .put("attempts", c.attempts());
    }
}

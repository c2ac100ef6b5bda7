package cn.jiesu.gateway.channels;

import cn.jiesu.channels.ChannelResult;
import cn.jiesu.channels.HttpReply;
import cn.jiesu.channels.InboundRequest;
import cn.jiesu.core.appeal.AppealStore;
import cn.jiesu.core.appeal.AppealStoreException;
import cn.jiesu.core.appeal.AppendResult;
import cn.jiesu.core.raw.RawPayload;
import cn.jiesu.redis.raw.RawPayloadStore;
import cn.jiesu.redis.raw.StoredPayload;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RequestBody;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.HttpException;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The path every channel request takes: Vert.x request → {@link InboundRequest} → admission (quota, in-flight
 * bound) → adapter → raw payload and append → reply. An {@link ChannelResult.Accepted} is answered with the
 * adapter's acknowledgement only after both the raw payload and the appeal are in Redis; when either fails the
 * answer is 503 with Retry-After and nothing was acknowledged (the channel's retry is deduplicated). The raw store
 * and the append go out together on the shared connection (raw first), so the acknowledgement costs one round trip.
 * A signed request ({@link cn.jiesu.channels.ReplayGuard}: pushes, the app API, signed Open311) costs one more
 * before them (its nonce is claimed) and, only when it has an Idempotency-Key and is a duplicate, a read of the
 * first appeal after them ({@link ReplayChecks}).
 *
 * <p>Called on the HTTP verticle's event loop; storage results come back on it.
 */
public final class ChannelPipeline {
    private static final Logger LOG = LoggerFactory.getLogger(ChannelPipeline.class);

    private final Clock clock;
    private final AppealStore store;
    private final RawPayloadStore raws;
    private final ReplayChecks replays;
    private final ChannelAdmission admission;
    private final ChannelMetrics metrics;

    ChannelPipeline(
            Clock clock,
            AppealStore store,
            RawPayloadStore raws,
            ReplayChecks replays,
            ChannelAdmission admission,
            ChannelMetrics metrics) {
        this.clock = clock;
        this.store = store;
        this.raws = raws;
        this.replays = replays;
        this.admission = admission;
        this.metrics = metrics;
    }

    /**
     * What became of one request, for routes that answer in their own way (the web form renders HTML).
     *
     * @param result   the adapter's result, or the gateway's own refusal (quota, malformed query)
     * @param reply    the reply to send as it is
     * @param appended the append's result when an appeal was stored, else null
     */
    record Outcome(ChannelResult result, HttpReply reply, AppendResult appended) {
        static Outcome of(ChannelResult.Rejected r) {
            return new Outcome(r, r.reply(), null);
        }
    }

    /** Called as a route for {@code channel} is mounted, so the channel's meters exist before its first request. */
    void serving(String channel) {
        metrics.served(channel);
    }

    /** Runs the request through {@code adapter} and sends the reply. */
    void handle(RoutingContext ctx, String channel, Function<InboundRequest, ChannelResult> adapter, ErrorShape shape) {
        process(ctx, channel, adapter, shape).onSuccess(o -> send(ctx, o.reply()));
    }

    /** Runs the request through {@code adapter} and stores what must be stored; never fails. */
    Future<Outcome> process(
            RoutingContext ctx, String channel, Function<InboundRequest, ChannelResult> adapter, ErrorShape shape) {
        ChannelAdmission.Ticket ticket = admission.admit(channel);
        if (!ticket.admitted()) {
            return Future.succeededFuture(Outcome.of(shape.tooManyRequests(ticket.retryAfter())));
        }
        Future<Outcome> outcome;
        try {
            InboundRequest request = inbound(ctx);
            outcome = request == null
                    ? rejected(channel, shape.error(400, "query_invalid", "query", "query: malformed query string"))
                    : settle(ctx, channel, adapter.apply(request), shape);
        } catch (RuntimeException e) {
            LOG.error(
                    "{}: unexpected failure handling {} {}",
                    channel,
                    ctx.request().method(),
                    ctx.request().path(),
                    e);
            metrics.rejected(channel, "internal_error");
            outcome = Future.succeededFuture(new Outcome(null, shape.internal(), null));
        }
        return outcome.onComplete(x -> admission.release(ticket));
    }

    /**
     * A read (Open311 lookups, discovery): admitted like a write, then {@code work}'s reply is sent; a storage
     * failure becomes 503 with Retry-After.
     */
    void serve(RoutingContext ctx, String channel, ErrorShape shape, Supplier<Future<HttpReply>> work) {
        ChannelAdmission.Ticket ticket = admission.admit(channel);
        if (!ticket.admitted()) {
            send(ctx, shape.tooManyRequests(ticket.retryAfter()).reply());
            return;
        }
        stage(work)
                .recover(e -> unavailable(channel, null, e, shape).map(Outcome::reply))
                .onComplete(ar -> {
                    admission.release(ticket);
                    send(ctx, ar.succeeded() ? ar.result() : shape.internal());
                });
    }

    /** Stores what the adapter's result needs stored; the outcome's reply is what to send. */
    Future<Outcome> settle(RoutingContext ctx, String channel, ChannelResult result, ErrorShape shape) {
        return switch (result) {
            case ChannelResult.Accepted a -> append(ctx, channel, a, shape);
            case ChannelResult.Handshake h -> {
                metrics.acked(channel, "handshake");
                yield Future.succeededFuture(new Outcome(h, h.reply(), null));
            }
            case ChannelResult.AckOnly a -> {
                metrics.acked(channel, "ack_only");
                yield a.raw() == null
                        ? Future.succeededFuture(new Outcome(a, a.reply(), null))
                        : keepRaw(ctx, channel, a.raw())
                                .map(v -> new Outcome(a, a.reply(), null))
                                .recover(e -> unavailable(channel, a, e, shape));
            }
            case ChannelResult.Rejected r -> rejected(channel, r);
        };
    }

    private Future<Outcome> append(RoutingContext ctx, String channel, ChannelResult.Accepted a, ErrorShape shape) {
        if (a.guard() == null) {
            return store(ctx, channel, a, shape);
        }
        // The nonce is claimed before anything is written: a replay with another body or key must not append.
        return stage(() -> replays.beforeAppend(a, ctx.vertx().getOrCreateContext()))
                .compose(
                        refusal -> refusal == null ? store(ctx, channel, a, shape) : rejected(channel, refusal),
                        e -> unavailable(channel, a, e, shape));
    }

    private Future<Outcome> store(RoutingContext ctx, String channel, ChannelResult.Accepted a, ErrorShape shape) {
        Context context = ctx.vertx().getOrCreateContext();
        Future<Boolean> raw = keepRaw(ctx, channel, a.raw());
        Future<AppendResult> appended = stage(() -> Future.fromCompletionStage(store.append(a.intake()), context));
        return Future.all(raw, appended)
                .compose(v -> replays.afterAppend(a, appended.result(), context))
                .compose(refusal -> {
                    if (refusal != null) {
                        return rejected(channel, refusal);
                    }
                    AppendResult r = appended.result();
                    metrics.accepted(channel, r.duplicate());
                    return Future.succeededFuture(new Outcome(a, a.ack().render(r), r));
                })
                .recover(e -> unavailable(channel, a, e, shape));
    }

    private Future<Boolean> keepRaw(RoutingContext ctx, String channel, RawPayload p) {
        StoredPayload stored = new StoredPayload(p, channel, null);
        Context context = ctx.vertx().getOrCreateContext();
        return stage(() -> Future.fromCompletionStage(raws.store(stored), context));
    }

    private Future<Outcome> unavailable(String channel, ChannelResult result, Throwable e, ErrorShape shape) {
        Throwable cause = e;
        while (!(cause instanceof AppealStoreException) && cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        if (cause instanceof AppealStoreException s && s.retriable()) {
            metrics.rejected(channel, "unavailable");
            LOG.debug("{}: not stored, answering 503: {}", channel, s.getMessage());
            return Future.succeededFuture(new Outcome(result, shape.unavailable(), null));
        }
        metrics.rejected(channel, "internal_error");
        LOG.error("{}: storing an accepted request failed", channel, e);
        return Future.succeededFuture(new Outcome(result, shape.internal(), null));
    }

    private Future<Outcome> rejected(String channel, ChannelResult.Rejected r) {
        metrics.rejected(channel, r.code());
        return Future.succeededFuture(Outcome.of(r));
    }

    /** The framework-free request, or null when the query string does not decode. */
    InboundRequest inbound(RoutingContext ctx) {
        HttpServerRequest req = ctx.request();
        MultiMap params;
        try {
            params = ctx.queryParams();
        } catch (HttpException | IllegalArgumentException e) {
            return null;
        }
        Map<String, List<String>> query = new HashMap<>();
        for (String name : params.names()) {
            query.put(name, params.getAll(name));
        }
        Map<String, String> headers = new HashMap<>();
        for (String name : req.headers().names()) {
            headers.put(
                    name.toLowerCase(Locale.ROOT),
                    String.join(", ", req.headers().getAll(name)));
        }
        RequestBody body = ctx.body();
        Buffer bytes = body == null ? null : body.buffer();
        return new InboundRequest(
                req.method().name(),
                req.path(),
                query,
                headers,
                bytes == null ? new byte[0] : bytes.getBytes(),
                clock.instant(),
                req.remoteAddress() == null ? null : req.remoteAddress().hostAddress());
    }

    /**
     * Routing-context key of a {@code UnaryOperator<HttpReply>} that rewrites every reply of the request before it
     * is written (Open311's XML form of its JSON replies).
     */
    static final String REPLY_FORMAT = "jiesu.replyFormat";

    /**
     * Writes {@code reply} unless a response was already started (e.g. by the request timeout), in the request's
     * {@link #REPLY_FORMAT} when one is set.
     */
    static void send(RoutingContext ctx, HttpReply reply) {
        HttpServerResponse r = ctx.response();
        if (r.ended() || r.headWritten()) {
            return;
        }
        UnaryOperator<HttpReply> format = ctx.get(REPLY_FORMAT);
        if (format != null) {
            reply = format.apply(reply);
        }
        r.setStatusCode(reply.status())
                .putHeader("content-type", reply.contentType())
                .putHeader("x-content-type-options", "nosniff");
        reply.headers().forEach(r::putHeader);
        r.end(Buffer.buffer(reply.body()));
    }

    private static <T> Future<T> stage(Supplier<Future<T>> start) {
        try {
            return start.get();
        } catch (RuntimeException e) {
            return Future.failedFuture(e);
        }
    }
}

package cn.jiesu.gateway.channels;

import cn.jiesu.channels.ChannelResult;
import cn.jiesu.channels.ReplayGuard;
import cn.jiesu.core.appeal.AppealStore;
import cn.jiesu.core.appeal.AppendResult;
import cn.jiesu.redis.channels.SignedNonces;
import io.vertx.core.Context;
import io.vertx.core.Future;
import java.util.Locale;
import java.util.Objects;

/**
 * Makes the checks around an append: a {@link ReplayGuard}'s nonce claim before, the Idempotency-Key's reuse after
 * ({@link ChannelResult.Accepted#keyReused()}). Each costs Redis only where it must: the nonce claim (one
 * {@code SET NX PX GET}) for every signed request that would append (Weibo and WeChat pushes, app API and signed
 * Open311 requests); the read of the first appeal only when a request with an Idempotency-Key (signed or not)
 * turned out a duplicate, never on a first append. Results come back on {@code context}; a null refusal means the
 * request may go on.
 */
final class ReplayChecks {
    private final SignedNonces nonces;
    private final AppealStore store;

    ReplayChecks(SignedNonces nonces, AppealStore store) {
        this.nonces = nonces;
        this.store = store;
    }

    /** Before the append: the guard's refusal when its nonce came before bound to something else, else null. */
    Future<ChannelResult.Rejected> beforeAppend(ChannelResult.Accepted a, Context context) {
        ReplayGuard g = a.guard();
        if (g == null) {
            return Future.succeededFuture();
        }
        String channel = a.intake().channel().name().toLowerCase(Locale.ROOT);
        return Future.fromCompletionStage(
                        nonces.claim(channel, g.client(), g.nonce(), g.binding(), g.nonceTtl()), context)
                .map(bound -> bound == null || bound.equals(g.binding()) ? null : g.nonceReused());
    }

    /**
     * After the append: {@code keyReused} when the append was a duplicate of an appeal made from another body (the
     * Idempotency-Key reused for a different request), else null. Whether the request was signed does not matter:
     * an unsigned keyed request (Open311 with an api_key) must not lose its appeal to an earlier one either. An
     * appeal that is gone (retention) cannot be compared and counts as the same request.
     */
    Future<ChannelResult.Rejected> afterAppend(ChannelResult.Accepted a, AppendResult appended, Context context) {
        ChannelResult.Rejected keyReused = a.keyReused();
        if (keyReused == null || !appended.duplicate()) {
            return Future.succeededFuture();
        }
        return Future.fromCompletionStage(store.byId(appended.intakeId()), context)
                .map(first -> first.isPresent()
                                && !Objects.equals(
                                        first.get().intake().rawSha256(),
                                        a.intake().rawSha256())
                        ? keyReused
                        : null);
    }
}

package cn.jiesu.gateway.channels;

import cn.jiesu.channels.HttpReply;
import cn.jiesu.gateway.http.ClientGone;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Failures raised before a channel's handler runs (the body limit of the HTTP edge, a request timeout, an
 * undecodable form) answered in the channel's own error shape, so an Open311 client always gets the spec's array
 * and the push channels their JSON error body naming the field.
 */
final class EdgeFailures {
    private static final Logger LOG = LoggerFactory.getLogger(EdgeFailures.class);

    private EdgeFailures() {}

    static Handler<RoutingContext> handler(ErrorShape shape) {
        return ctx -> {
            if (ClientGone.is(ctx)) {
                return; // nobody to answer, and not our failure: no ERROR, no stack trace
            }
            int status = ctx.statusCode();
            HttpReply reply = switch (status) {
                case 413 ->
                    shape.error(413, "body_too_large", "body", "body: larger than the limit")
                            .reply();
                case 400 ->
                    shape.error(400, "malformed_request", "body", "body: malformed request")
                            .reply();
                case 415 ->
                    shape.error(415, "unsupported_media_type", "content-type", "content-type: not supported")
                            .reply();
                case 503 -> shape.unavailable();
                default -> {
                    if (status >= 400 && status < 500) {
                        yield shape.error(status, "bad_request", null, "request refused")
                                .reply();
                    }
                    LOG.error(
                            "unhandled failure on {} {}",
                            ctx.request().method(),
                            ctx.request().path(),
                            ctx.failure());
                    yield shape.internal();
                }
            };
            ChannelPipeline.send(ctx, reply);
        };
    }
}

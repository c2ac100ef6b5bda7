package cn.jiesu.gateway.http;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.ReferenceCountUtil;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * One HTTP/1 connection's guard, in the Netty pipeline between the HTTP decoder and Vert.x: closes the connection
 * when a request head is not complete within the header timeout (from the connection's start or the end of the
 * previous response), answers 408 and closes when a body is not complete within the body timeout, and answers
 * request lines Vert.x would answer 501 to: an HTTP/1 minor version above 1 is read as HTTP/1.1 (RFC 9112 2.3),
 * another HTTP major version is 505, a protocol that is not HTTP 400. After a WebSocket upgrade it stands aside.
 * Runs on the connection's event loop only.
 */
final class SlowClientGuard extends ChannelDuplexHandler {
    /** The name Vert.x gives the handler of its idle timeout. */
    private static final String VERTX_IDLE_HANDLER = "idle";

    private final Duration headerTimeout;
    private final Duration bodyTimeout;
    private final ClientMistakeLog mistakes;
    private ScheduledFuture<?> timer;
    private boolean inBody;
    private boolean responseStarted;
    /** The current request's response has gone out; the connection now waits for the next request's head. */
    private boolean responseSent;

    private boolean upgraded;
    private boolean refusing;

    SlowClientGuard(Duration headerTimeout, Duration bodyTimeout, ClientMistakeLog mistakes) {
        this.headerTimeout = headerTimeout;
        this.bodyTimeout = bodyTimeout;
        this.mistakes = mistakes;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        arm(ctx, headerTimeout, () -> ctx.close());
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        cancel();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        cancel();
        super.channelInactive(ctx);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) throws Exception {
        if (refusing) {
            ReferenceCountUtil.release(msg);
            return;
        }
        if (msg instanceof HttpRequest request && !upgraded) {
            if (request.decoderResult().isSuccess() && !acceptVersion(ctx, request)) {
                ReferenceCountUtil.release(msg);
                return;
            }
            cancel();
            responseStarted = false;
            responseSent = false;
            inBody = !(msg instanceof LastHttpContent);
            if (inBody) {
                arm(ctx, bodyTimeout, () -> slowBody(ctx, request));
            }
        } else if (msg instanceof HttpContent content
                && !upgraded
                && content.decoderResult().isFailure()) {
            ReferenceCountUtil.release(msg);
            malformedBody(ctx, content.decoderResult().cause());
            return;
        } else if (msg instanceof LastHttpContent && inBody) {
            inBody = false;
            cancel();
            if (responseSent && !upgraded) {
                // answered before the request's end was read: the next head is due from now
                arm(ctx, headerTimeout, () -> ctx.close());
            }
        }
        super.channelRead(ctx, msg);
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) throws Exception {
        if (msg instanceof HttpResponse response) {
            responseStarted = true;
            if (response.status().code() == HttpResponseStatus.SWITCHING_PROTOCOLS.code()) {
                // A WebSocket (the agent console) lives far longer than a request and browsers send no pings: the
                // idle timeout would cut an agent's quiet socket every idle-timeout. Its session re-check bounds it.
                upgraded = true;
                cancel();
                if (ctx.pipeline().get(VERTX_IDLE_HANDLER) != null) {
                    ctx.pipeline().remove(VERTX_IDLE_HANDLER);
                }
            }
        }
        if (msg instanceof LastHttpContent && !upgraded) {
            // the next request's head is due header-timeout after this response went out (or, when the request's
            // end is still to come, after that: channelRead arms it then)
            promise = promise.unvoid();
            promise.addListener(f -> {
                responseSent = true;
                if (!upgraded && !inBody && ctx.channel().isActive()) {
                    arm(ctx, headerTimeout, () -> ctx.close());
                }
            });
        }
        super.write(ctx, msg, promise);
    }

    /** True when the request may go on to Vert.x (its version possibly rewritten); otherwise answered here. */
    private boolean acceptVersion(ChannelHandlerContext ctx, HttpRequest request) {
        HttpVersion v = request.protocolVersion();
        boolean wellFormed = wellFormed(v);
        boolean http = wellFormed && v.protocolName().equals("HTTP");
        if (http && v.majorVersion() == 1) {
            if (v.minorVersion() > 1) {
                request.setProtocolVersion(HttpVersion.HTTP_1_1);
            }
            return true;
        }
        HttpResponseStatus status =
                http ? HttpResponseStatus.HTTP_VERSION_NOT_SUPPORTED : HttpResponseStatus.BAD_REQUEST;
        // RFC 9112 2.3: HTTP-version = "HTTP" "/" DIGIT "." DIGIT, case-sensitive. Vert.x answered 501 with no body
        // to the spellings it does not know (HTTP/01.1, http/1.1): never a 501, and 505 only for a real version.
        String message = wellFormed
                ? "version: " + abbreviate(v.text()) + " is not supported; use HTTP/1.1"
                : "version: not of the form HTTP/1.1 (bad request line)";
        mistakes.warn(
                "http-version",
                status.code() + " for protocol " + abbreviate(v.text()) + (wellFormed ? "" : " (malformed)"));
        refusing = true;
        cancel();
        refuse(ctx, status, http ? "http_version_not_supported" : "bad_request", message, "version");
        return false;
    }

    /**
     * A body Netty could not decode (a chunk size {@code zz}, {@code -5}, 18 hex digits): the client's mistake, which
     * Vert.x would see as an exception, close without an answer and log as an ERROR with a stack trace. Answered 400
     * naming the body if no response has started, then closed; the request Vert.x holds ends as a closed connection.
     */
    private void malformedBody(ChannelHandlerContext ctx, Throwable cause) {
        String why = cause == null
                ? "undecodable"
                : cause.getClass().getSimpleName() + ": " + abbreviate(String.valueOf(cause.getMessage()));
        mistakes.warn("malformed-body", "request body not decodable (" + why + "); 400 and closed");
        refusing = true;
        inBody = false;
        cancel();
        if (responseStarted) {
            ctx.close();
        } else {
            refuse(ctx, HttpResponseStatus.BAD_REQUEST, "bad_request", "body: malformed transfer encoding", "body");
        }
    }

    /**
     * Whether the request line's version token had the shape {@code HTTP/d.d}. Netty keeps only a normalized form
     * (upper-cased, leading zeros gone) and returns its constants for exactly {@code HTTP/1.1} and {@code HTTP/1.0};
     * 1.0 or 1.1 in another instance was spelled otherwise ({@code http/1.1}, {@code HTTP/01.1}). For other
     * versions a lower-case or zero-padded spelling cannot be told from the right one and is read as written.
     */
    static boolean wellFormed(HttpVersion v) {
        if (v == HttpVersion.HTTP_1_1 || v == HttpVersion.HTTP_1_0) {
            return true;
        }
        boolean oneDigit =
                v.majorVersion() >= 0 && v.majorVersion() <= 9 && v.minorVersion() >= 0 && v.minorVersion() <= 9;
        return oneDigit && !(v.protocolName().equals("HTTP") && v.majorVersion() == 1 && v.minorVersion() <= 1);
    }

    private void slowBody(ChannelHandlerContext ctx, HttpRequest request) {
        mistakes.warn(
                "slow-body",
                "request body of " + request.method() + " not complete after " + bodyTimeout.toMillis()
                        + " ms; 408 and closed");
        refusing = true;
        if (responseStarted) {
            ctx.close();
        } else {
            refuse(
                    ctx,
                    HttpResponseStatus.REQUEST_TIMEOUT,
                    "request_timeout",
                    "body: not complete within " + bodyTimeout.toMillis() + " ms",
                    "body");
        }
    }

    private static void refuse(
            ChannelHandlerContext ctx, HttpResponseStatus status, String code, String message, String field) {
        byte[] body = new JsonObject()
                .put("error", code)
                .put("message", message)
                .put("field", field)
                .encode()
                .getBytes(StandardCharsets.UTF_8);
        FullHttpResponse response =
                new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status, Unpooled.wrappedBuffer(body));
        response.headers()
                .set(HttpHeaderNames.CONTENT_TYPE, "application/json; charset=utf-8")
                .set(HttpHeaderNames.CONTENT_LENGTH, body.length)
                .set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
        ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
    }

    private void arm(ChannelHandlerContext ctx, Duration after, Runnable action) {
        cancel();
        timer = ctx.executor().schedule(action, after.toNanos(), TimeUnit.NANOSECONDS);
    }

    private void cancel() {
        if (timer != null) {
            timer.cancel(false);
            timer = null;
        }
    }

    private static String abbreviate(String s) {
        return s.length() <= 24 ? s : s.substring(0, 24) + "…";
    }
}

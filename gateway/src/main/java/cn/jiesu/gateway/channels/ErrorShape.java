package cn.jiesu.gateway.channels;

import cn.jiesu.channels.ChannelQuota;
import cn.jiesu.channels.ChannelResult;
import cn.jiesu.channels.ErrorReplies;
import cn.jiesu.channels.HttpReply;
import cn.jiesu.channels.open311.Open311Errors;
import java.time.Duration;

/**
 * How a channel words the answers the gateway itself makes (not the adapter): 429 when over quota, 503 when Redis
 * cannot take the appeal, 404 when the channel is off, 500 for our own bug. Channels that speak JSON use the
 * adapters' error body; Open311 uses the spec's array of {@code {code, description}}.
 */
sealed interface ErrorShape {
    /** Seconds a client should wait after a 503 (Redis down or slow). */
    long RETRY_AFTER_UNAVAILABLE = 5;

    ErrorShape JSON = new Json();
    ErrorShape OPEN311 = new Open311();

    ChannelResult.Rejected error(int status, String code, String field, String message);

    default ChannelResult.Rejected tooManyRequests(Duration retryAfter) {
        return ChannelQuota.tooManyRequests("channel", retryAfter);
    }

    default HttpReply unavailable() {
        // After a timeout the append may still land, so the promise is that a retry is safe, not that none exists.
        return error(
                        503,
                        "unavailable",
                        null,
                        "the appeal could not be confirmed as stored; retry later (a retry "
                                + "is deduplicated, never a second appeal)")
                .reply()
                .withHeader("Retry-After", Long.toString(RETRY_AFTER_UNAVAILABLE));
    }

    default HttpReply notConfigured(String channel) {
        return error(404, "channel_not_configured", null, channel + ": channel not configured")
                .reply();
    }

    default HttpReply internal() {
        return error(500, "internal_error", null, "internal error").reply();
    }

    record Json() implements ErrorShape {
        @Override
        public ChannelResult.Rejected error(int status, String code, String field, String message) {
            return ErrorReplies.json(status, code, field, message);
        }
    }

    record Open311() implements ErrorShape {
        @Override
        public ChannelResult.Rejected error(int status, String code, String field, String message) {
            return Open311Errors.of(status, code, field, message);
        }

        @Override
        public ChannelResult.Rejected tooManyRequests(Duration retryAfter) {
            return Open311Errors.tooManyRequests(retryAfter);
        }
    }
}

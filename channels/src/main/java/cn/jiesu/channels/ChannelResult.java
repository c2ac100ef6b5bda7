package cn.jiesu.channels;

import cn.jiesu.core.intake.Intake;
import cn.jiesu.core.raw.RawPayload;
import java.util.Objects;

/**
 * What an adapter made of one request. The gateway switches over it:
 * <ul>
 *   <li>{@link Accepted}: store {@code raw}, append {@code intake} through {@code AppealStore.append}, and only when
 *       that succeeded answer with {@code ack.render(appendResult)}; if the append fails answer 503 so the channel
 *       retries (the dedupe key makes the retry safe). With a {@code guard}, make its nonce check before the
 *       append and answer its refusal instead when it fails; with {@code keyReused}, when the append turns out a
 *       duplicate of an appeal made from another body, answer {@code keyReused} instead.</li>
 *   <li>{@link Handshake}: a URL verification; answer {@code reply} (the echoed {@code echostr}).</li>
 *   <li>{@link AckOnly}: a verified message that creates no appeal (a follow event, an unknown message type);
 *       store {@code raw} if present, then answer {@code reply}.</li>
 *   <li>{@link Rejected}: answer {@code reply} (status 400/401/403/405/413/415/422/429 with a body naming
 *       {@code field}).</li>
 * </ul>
 */
public sealed interface ChannelResult {

    /**
     * @param guard     the nonce check of a signed request (pushes, the app API, signed Open311), or null (unsigned
     *                  requests)
     * @param keyReused the answer when the request's Idempotency-Key was already used for an appeal of another raw
     *                  body ({@code rawSha256}): a key reused for a different request is refused, never answered
     *                  with the first request's appeal while the new one is dropped. Every request with an
     *                  Idempotency-Key carries it, signed or not (Open311 with an api_key alone); null without a key.
     *                  Only duplicates pay the read of the first appeal.
     */
    record Accepted(Intake intake, RawPayload raw, AckRenderer ack, ReplayGuard guard, Rejected keyReused)
            implements ChannelResult {
        public Accepted {
            Objects.requireNonNull(intake, "intake");
            Objects.requireNonNull(raw, "raw");
            Objects.requireNonNull(ack, "ack");
        }

        public Accepted(Intake intake, RawPayload raw, AckRenderer ack) {
            this(intake, raw, ack, null, null);
        }

        public Accepted(Intake intake, RawPayload raw, AckRenderer ack, ReplayGuard guard) {
            this(intake, raw, ack, guard, null);
        }
    }

    record Handshake(HttpReply reply) implements ChannelResult {}

    /** @param reason why no intake was made, for logs and metrics tags ({@code event:follow}, {@code type:unknown}) */
    record AckOnly(HttpReply reply, String reason, RawPayload raw) implements ChannelResult {}

    /**
     * @param code  machine-readable error code ({@code invalid_signature}, {@code field_invalid}, …)
     * @param field the offending field, header or parameter, or null when the whole request is at fault
     */
    record Rejected(int status, String code, String field, String message, HttpReply reply) implements ChannelResult {
        /** The same refusal with one more response header (a 405's {@code Allow}, a 429's {@code Retry-After}). */
        public Rejected withHeader(String name, String value) {
            return new Rejected(status, code, field, message, reply.withHeader(name, value));
        }
    }
}

package cn.jiesu.channels.weibo;

import cn.jiesu.channels.AckRenderer;
import cn.jiesu.channels.ChannelResult;
import cn.jiesu.channels.ContentText;
import cn.jiesu.channels.Digests;
import cn.jiesu.channels.FlatXml;
import cn.jiesu.channels.HttpReply;
import cn.jiesu.channels.InboundRequest;
import cn.jiesu.channels.InputRejected;
import cn.jiesu.channels.JsonBody;
import cn.jiesu.channels.PushQuery;
import cn.jiesu.channels.RawPayloads;
import cn.jiesu.channels.ReplayGuard;
import cn.jiesu.channels.RequestChecks;
import cn.jiesu.channels.RequestEnvelope;
import cn.jiesu.channels.Triage;
import cn.jiesu.core.classify.Classifier;
import cn.jiesu.core.classify.ExplicitChoice;
import cn.jiesu.core.intake.Attachment;
import cn.jiesu.core.intake.Channel;
import cn.jiesu.core.intake.Citizen;
import cn.jiesu.core.intake.ContentType;
import cn.jiesu.core.intake.DateBounds;
import cn.jiesu.core.intake.Intake;
import cn.jiesu.core.intake.IntakeBuilder;
import cn.jiesu.core.intake.IntakeIds;
import cn.jiesu.core.intake.Location;
import cn.jiesu.core.intake.ReplyMode;
import cn.jiesu.core.intake.ReplyRoute;
import cn.jiesu.core.raw.RawPayload;
import cn.jiesu.core.sla.SlaPolicy;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.ResolverStyle;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Weibo fan-service message push (粉丝服务平台): URL verification by GET, messages by POSTed JSON (or, in the
 * account's WeChat-compatible mode, XML: {@link WeiboXml}), all signed with sha1(sorted app_secret, timestamp,
 * nonce), within a timestamp window; the signature does not cover the body, so each push's timestamp and nonce are
 * remembered with the body ({@link PushQuery#guard}). Weibo gives no message id and retries up to three times
 * within ~15 s with the same query and body,
 * so the dedupe key is synthesized: {@code sender_id:created_at(epoch s):sha256(type, text, canonical data)},
 * identical for every retry of one message and different for two messages sent in the same second.
 *
 * <p>Stateless and thread-safe; {@link #handle} never throws.
 */
public final class WeiboAdapter {
    public static final String SCHEME = "WEIBO_SHA1";
    /** Strict: a day the month does not have (Feb 30) is not a time, rather than quietly the month's last day. */
    private static final DateTimeFormatter CREATED_AT =
            DateTimeFormatter.ofPattern("MMM d HH:mm:ss Z uuuu", Locale.US).withResolverStyle(ResolverStyle.STRICT);
    /** The same shape with any numbers: a created_at that has it but names no real time is sent, just unknown. */
    private static final DateTimeFormatter CREATED_AT_SHAPE = CREATED_AT.withResolverStyle(ResolverStyle.LENIENT);
    /** The leading day name of created_at: not parsed, so a wrong weekday cannot lose a citizen's message. */
    private static final Pattern DAY_NAME = Pattern.compile("^[A-Za-z]{3}\\s+");

    private static final Set<String> MEDIA_TYPES =
            Set.of("application/json", "text/json", "text/plain", "text/xml", "application/xml");
    private static final List<String> KEPT_HEADERS = List.of("content-type", "content-length", "user-agent");
    private static final Pattern EPOCH_MILLIS = Pattern.compile("[0-9]{1,15}");
    private static final Pattern SUBTYPE = Pattern.compile("[A-Za-z_]{1,32}");
    /** Weibo: an empty body inside 5 s means "received, no passive reply, do not retry". */
    private static final HttpReply ACK = HttpReply.text(200, "");

    private final WeiboConfig config;
    private final Clock clock;
    private final IntakeIds ids;
    private final Triage triage;
    private final RequestEnvelope envelope;
    private final FlatXml xml = new FlatXml();

    public WeiboAdapter(WeiboConfig config, Clock clock, IntakeIds ids, SlaPolicy sla, Classifier classifier) {
        this.config = config;
        this.clock = clock;
        this.ids = ids;
        this.triage = new Triage(classifier, sla);
        this.envelope = new RequestEnvelope(config.maxBodyBytes(), MEDIA_TYPES, true);
    }

    /** GET is the URL verification, POST a pushed message; anything else is 405. */
    public ChannelResult handle(InboundRequest request) {
        return envelope.getOrPost(request, this::verify, this::receive);
    }

    private ChannelResult verify(InboundRequest request) throws InputRejected {
        checkSignature(request);
        return PushQuery.echo(request);
    }

    private ChannelResult receive(InboundRequest request) throws InputRejected {
        ReplayGuard guard = checkSignature(request);
        envelope.checkMediaType(request);
        WeiboMessage m = isXml(request.body())
                ? WeiboXml.message(xml.parse(request.body(), "body"))
                : parse(JsonBody.object(request.body()));
        if (config.receiverId() != null && !config.receiverId().equals(m.receiverId())) {
            throw new InputRejected(403, "wrong_receiver", "receiver_id", "receiver_id: not this account");
        }
        RawPayload raw = RawPayloads.of(request, KEPT_HEADERS, null);
        return switch (m.type()) {
            case "text", "mention" ->
                accept(request, m, raw, m.type().equals("text") ? ContentType.TEXT : ContentType.MENTION, guard);
            case "position" -> accept(request, m, raw, ContentType.LOCATION, guard);
            case "image" -> accept(request, m, raw, ContentType.IMAGE, guard);
            case "voice" -> accept(request, m, raw, ContentType.VOICE, guard);
            case "event" -> new ChannelResult.AckOnly(ACK, "event:" + subtype(m), raw);
            // The docs: unknown types and subtypes must be ignored, not rejected (but archived).
            default -> new ChannelResult.AckOnly(ACK, "type:unknown", raw);
        };
    }

    /** The WeChat-compatible XML mode, told by its first character (the account may switch modes at any time). */
    private static boolean isXml(byte[] body) {
        return RequestChecks.firstSignificantByte(body) == '<';
    }

    /**
     * Signature, then the timestamp window (a forged request is told about its signature, not its clock).
     *
     * @return the guard that remembers this timestamp and nonce with the body (the signature does not cover it);
     *     the URL verification makes no appeal and ignores it
     */
    private ReplayGuard checkSignature(InboundRequest request) throws InputRejected {
        String signature = request.queryParam("signature");
        String timestamp = request.queryParam("timestamp");
        if (signature == null || signature.isEmpty()) {
            throw new InputRejected(401, "signature_missing", "signature", "signature: required");
        }
        if (timestamp == null || !EPOCH_MILLIS.matcher(timestamp).matches()) {
            throw timestamp == null
                    ? InputRejected.missing("timestamp")
                    : InputRejected.badField("timestamp", "expected epoch milliseconds");
        }
        String nonce = PushQuery.nonce(request);
        String expected = Digests.sortedSha1Hex(config.appSecret(), timestamp, nonce);
        if (!Digests.constantTimeEquals(expected, signature.toLowerCase(Locale.ROOT))) {
            throw InputRejected.badSignature("signature");
        }
        Duration window = config.maxTimestampAge();
        if (Math.abs(clock.millis() - Long.parseLong(timestamp)) > window.toMillis()) {
            throw new InputRejected(
                    401,
                    "stale_timestamp",
                    "timestamp",
                    "timestamp: more than " + window.toSeconds()
                            + " s from the server clock (epoch milliseconds expected)");
        }
        return PushQuery.guard(request, timestamp, nonce, window);
    }

    static WeiboMessage parse(JsonObject json) throws InputRejected {
        String type = JsonBody.requiredString(json, "type");
        String receiver = JsonBody.id(json, "receiver_id");
        if (receiver == null) {
            receiver = JsonBody.id(json, "recipient_id"); // the 2/messages/receive spelling
        }
        if (receiver == null) {
            throw InputRejected.missing("receiver_id");
        }
        String sender = JsonBody.id(json, "sender_id");
        if (sender == null) {
            throw InputRejected.missing("sender_id");
        }
        String createdAtText = JsonBody.requiredString(json, "created_at");
        String createdAtValue = DAY_NAME.matcher(createdAtText.trim()).replaceFirst("");
        Instant createdAt;
        long sentSecond;
        try {
            createdAt = OffsetDateTime.parse(createdAtValue, CREATED_AT).toInstant();
            sentSecond = createdAt.getEpochSecond();
        } catch (DateTimeException e) {
            // The right shape but no real time (Feb 30, 25:00): the message is kept, its time unknown. The lenient
            // reading is only the dedupe key's time part, the same for every retry.
            try {
                sentSecond =
                        OffsetDateTime.parse(createdAtValue, CREATED_AT_SHAPE).toEpochSecond();
                createdAt = null;
            } catch (DateTimeException | ArithmeticException notTheShape) {
                throw InputRejected.badField(
                        "created_at",
                        "expected 'EEE MMM dd HH:mm:ss Z yyyy', e.g. " + "'Thu May 30 10:00:05 +0800 2024'");
            }
        }
        JsonObject data;
        Object rawData = json.getValue("data");
        if (rawData == null || rawData instanceof String s && s.isEmpty()) {
            data = new JsonObject();
        } else {
            data = JsonBody.object(json, "data");
        }
        return new WeiboMessage(type, receiver, sender, createdAt, sentSecond, JsonBody.string(json, "text"), data);
    }

    /**
     * A signed, well-formed message is never refused for its content: a position without usable coordinates keeps
     * its text, a medium without a file id keeps the intake (the raw payload has everything); only the envelope
     * (ids, created_at) is required, because the dedupe key is built from it.
     */
    private ChannelResult accept(
            InboundRequest request, WeiboMessage m, RawPayload raw, ContentType type, ReplayGuard guard) {
        String text = ContentText.blankToNull(m.text());
        if (text == null && (type == ContentType.TEXT || type == ContentType.MENTION)) {
            return new ChannelResult.AckOnly(ACK, "empty", raw);
        }
        IntakeBuilder b = Intake.builder()
                .intakeId(ids.next())
                .channel(Channel.WEIBO)
                .channelAccount(m.receiverId())
                .channelMessageId(dedupeId(m))
                .receivedAt(request.receivedAt())
                // A time past 9999 (an offset can push 9999-12-31 there) or no real time: unknown, not refused.
                .occurredAt(DateBounds.orUnknown(m.createdAt()))
                .contentType(type)
                .citizen(new Citizen(m.senderId(), null, null, null, null, false))
                .replyRoute(new ReplyRoute(Channel.WEIBO, m.senderId(), ReplyMode.CS_API))
                .signatureVerified(true)
                .signatureScheme(SCHEME)
                .rawRef(raw.ref())
                .rawSha256(raw.sha256());
        switch (type) {
            case LOCATION -> b.content(ContentText.fit(text)).location(position(m.data()));
            case IMAGE, VOICE -> b.attachments(media(m.data(), type));
            default -> b.content(ContentText.fit(text));
        }
        triage.apply(
                b,
                type == ContentType.IMAGE || type == ContentType.VOICE ? null : text,
                ExplicitChoice.NONE,
                request.receivedAt());
        return new ChannelResult.Accepted(b.build(), raw, AckRenderer.fixed(ACK), guard);
    }

    /** {@code sender:createdAtEpochSeconds:sha256hex(type \n text \n canonical(data))}. */
    static String dedupeId(WeiboMessage m) {
        String content = m.type() + "\n" + (m.text() == null ? "" : m.text()) + "\n" + CanonicalJson.encode(m.data());
        return m.senderId() + ":" + m.sentSecond() + ":" + Digests.sha256Hex(content);
    }

    /** The position's coordinates, or null when they are missing, not numbers or out of range. */
    private Location position(JsonObject data) {
        Double lat = number(data, "latitude");
        Double lon = number(data, "longitude");
        if (lat == null || lon == null || lat < -90 || lat > 90 || lon < -180 || lon > 180) {
            return null;
        }
        return new Location(null, lat, lon, config.positionCrs(), null, null, null);
    }

    private static Double number(JsonObject data, String field) {
        try {
            return JsonBody.number(data, field);
        } catch (InputRejected e) {
            return null;
        }
    }

    /** tovfid is the receiver's (our) copy, fetched with our token from 2/mss/msget?fid=...; vfid as fallback. */
    private static List<Attachment> media(JsonObject data, ContentType type) {
        String fid = null;
        for (String field : List.of("tovfid", "vfid")) {
            try {
                fid = fid != null ? fid : JsonBody.id(data, field);
            } catch (InputRejected e) {
                // not an id: try the next field
            }
        }
        return fid == null
                ? List.of()
                : List.of(new Attachment(
                        type == ContentType.IMAGE ? "IMAGE" : "VOICE", "weibo-fid:" + fid, null, null, -1));
    }

    private static String subtype(WeiboMessage m) {
        Object s = m.data().getValue("subtype");
        return s instanceof String str && SUBTYPE.matcher(str).matches() ? str.toLowerCase(Locale.ROOT) : "unknown";
    }
}

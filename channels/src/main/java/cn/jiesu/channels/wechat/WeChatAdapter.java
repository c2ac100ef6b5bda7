package cn.jiesu.channels.wechat;

import cn.jiesu.channels.AckRenderer;
import cn.jiesu.channels.ChannelResult;
import cn.jiesu.channels.ContentText;
import cn.jiesu.channels.Digests;
import cn.jiesu.channels.FieldRules;
import cn.jiesu.channels.FlatXml;
import cn.jiesu.channels.HttpReply;
import cn.jiesu.channels.InboundRequest;
import cn.jiesu.channels.InputRejected;
import cn.jiesu.channels.PushQuery;
import cn.jiesu.channels.RawPayloads;
import cn.jiesu.channels.ReplayGuard;
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
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * WeChat official account (公众号) and mini program (小程序) message push: URL verification by GET, messages by POST
 * in plaintext mode ({@code signature} = sha1(sorted token, timestamp, nonce)) or secure mode ({@code msg_signature}
 * adds the Encrypt value; AES-256-CBC, see {@link WeChatCrypto}), as XML (official accounts) or JSON (mini programs
 * set to the JSON 数据格式, {@link WeChatJson}), the encrypted body and its plaintext alike. Every signature must be
 * within a timestamp window, and since none covers the whole body, each push's timestamp and nonce are remembered
 * with it ({@link PushQuery#guard}). Messages dedupe on
 * {@code MsgId}; events create no appeal and are only acknowledged. Every accepted message is answered
 * {@code success} once appended.
 *
 * <p>Stateless and thread-safe; {@link #handle} never throws.
 */
public final class WeChatAdapter {
    public static final String SCHEME_PLAIN = "WX_SHA1";
    public static final String SCHEME_AES = "WX_AES";
    // XML for official accounts; JSON for mini programs configured with the JSON 数据格式.
    private static final Set<String> MEDIA_TYPES =
            Set.of("text/xml", "application/xml", "text/plain", "application/json", "text/json");
    private static final List<String> KEPT_HEADERS = List.of("content-type", "content-length", "user-agent");
    private static final Pattern ACCOUNT_ID = Pattern.compile("[A-Za-z0-9_.@-]{1,64}");
    private static final Pattern EPOCH_SECONDS = Pattern.compile("[0-9]{1,12}");
    private static final Pattern EVENT = Pattern.compile("[A-Za-z_]{1,32}");
    private static final Pattern MSG_ID = Pattern.compile("[0-9]{1,20}");
    private static final Pattern NOT_MIME_CHAR = Pattern.compile("[^a-z0-9.+-]");
    private static final HttpReply ACK = HttpReply.text(200, "success");

    private final WeChatConfig config;
    private final Clock clock;
    private final IntakeIds ids;
    private final Triage triage;
    private final WeChatCrypto crypto;
    private final FlatXml xml = new FlatXml();
    private final RequestEnvelope envelope;

    public WeChatAdapter(WeChatConfig config, Clock clock, IntakeIds ids, SlaPolicy sla, Classifier classifier) {
        this.config = config;
        this.clock = clock;
        this.ids = ids;
        this.triage = new Triage(classifier, sla);
        this.crypto =
                config.encodingAesKey() == null ? null : new WeChatCrypto(config.encodingAesKey(), config.appId());
        this.envelope = new RequestEnvelope(config.maxBodyBytes(), MEDIA_TYPES, true);
    }

    /** GET is the URL verification, POST a pushed message; anything else is 405. */
    public ChannelResult handle(InboundRequest request) {
        return envelope.getOrPost(request, this::verify, this::receive);
    }

    private ChannelResult verify(InboundRequest request) throws InputRejected {
        String[] tn = timestampAndNonce(request);
        checkSignature("signature", request.queryParam("signature"), config.token(), tn[0], tn[1]);
        fresh(request, tn); // the window, but no nonce memory: the verification makes no appeal
        return PushQuery.echo(request);
    }

    private ChannelResult receive(InboundRequest request) throws InputRejected {
        String[] tn = timestampAndNonce(request);
        // Secure and compatible mode carry msg_signature; encrypt_type=aes is how the console announces them, but
        // a push signed with msg_signature is encrypted whether or not encrypt_type came along.
        boolean secure = "aes".equalsIgnoreCase(request.queryParam("encrypt_type"))
                || request.queryParam("msg_signature") != null;
        ReplayGuard guard = null;
        if (!secure) {
            checkSignature("signature", request.queryParam("signature"), config.token(), tn[0], tn[1]);
            guard = fresh(request, tn);
            if (!config.allowPlaintext()) {
                throw new InputRejected(403, "plaintext_refused", "encrypt_type", "encrypt_type: aes required");
            }
        }
        envelope.checkMediaType(request);
        byte[] body = request.body();
        byte[] decrypted = null;
        Map<String, String> fields;
        if (secure) {
            Map<String, String> outer = parse(body, "body");
            if (crypto == null) {
                return compatibleWithoutKey(request, tn, outer);
            }
            String encrypt = outer.get("Encrypt");
            if (encrypt == null || encrypt.isBlank()) {
                throw InputRejected.missing("Encrypt");
            }
            checkSignature("msg_signature", request.queryParam("msg_signature"), config.token(), tn[0], tn[1], encrypt);
            // msg_signature covers Encrypt but not the rest of the body: remembered with the whole body all the same
            guard = fresh(request, tn);
            decrypted = crypto.decrypt(encrypt);
            fields = parse(decrypted, "Encrypt");
        } else {
            fields = parse(body, "body");
        }
        RawPayload raw = RawPayloads.of(request, KEPT_HEADERS, decrypted);
        return normalize(request, fields, raw, secure, guard);
    }

    /**
     * Compatible mode (兼容模式) also carries the plaintext fields and the plain signature: without an
     * EncodingAESKey those are read, rather than refusing every push while the key is still being set up.
     */
    private ChannelResult compatibleWithoutKey(InboundRequest request, String[] tn, Map<String, String> fields)
            throws InputRejected {
        if (!config.allowPlaintext() || request.queryParam("signature") == null || text(fields, "MsgType") == null) {
            throw new InputRejected(
                    403,
                    "secure_mode_not_configured",
                    "encrypt_type",
                    "encrypt_type: secure mode is not configured (no EncodingAESKey)");
        }
        checkSignature("signature", request.queryParam("signature"), config.token(), tn[0], tn[1]);
        return normalize(request, fields, RawPayloads.of(request, KEPT_HEADERS, null), false, fresh(request, tn));
    }

    /** An XML document, or a JSON object from a mini program (told apart by the first character). */
    private Map<String, String> parse(byte[] document, String field) throws InputRejected {
        return WeChatJson.looksLikeJson(document) ? WeChatJson.parse(document, field) : xml.parse(document, field);
    }

    private ChannelResult normalize(
            InboundRequest request, Map<String, String> f, RawPayload raw, boolean secure, ReplayGuard guard)
            throws InputRejected {
        String to = required(f, "ToUserName");
        if (!ACCOUNT_ID.matcher(to).matches()) {
            throw InputRejected.badField("ToUserName", "not an account id");
        }
        if (config.accountId() != null && !config.accountId().equals(to)) {
            throw new InputRejected(403, "wrong_account", "ToUserName", "ToUserName: not this account");
        }
        String from = required(f, "FromUserName");
        String createTime = required(f, "CreateTime");
        if (!EPOCH_SECONDS.matcher(createTime).matches()) {
            throw InputRejected.badField("CreateTime", "expected epoch seconds");
        }
        String msgType = required(f, "MsgType").toLowerCase(Locale.ROOT);
        if (msgType.equals("event")) {
            String event = text(f, "Event");
            return new ChannelResult.AckOnly(
                    ACK,
                    "event:"
                            + (event == null || !EVENT.matcher(event).matches()
                                    ? "unknown"
                                    : event.toLowerCase(Locale.ROOT)),
                    raw);
        }
        String msgId = text(f, "MsgId");
        if (msgId != null && !MSG_ID.matcher(msgId).matches()) {
            throw InputRejected.badField("MsgId", "expected a 64-bit integer");
        }
        IntakeBuilder b = Intake.builder()
                .intakeId(ids.next())
                .channel(Channel.WECHAT)
                .channelAccount(to)
                // WxJava's rule: MsgId when present, else FromUserName + CreateTime.
                .channelMessageId(msgId != null ? msgId : from + ":" + createTime + ":" + msgType)
                .receivedAt(request.receivedAt())
                // A CreateTime past 9999 (or before year 1) is not refused (WeChat would retry it): unknown.
                .occurredAt(DateBounds.orUnknown(Instant.ofEpochSecond(Long.parseLong(createTime))))
                .citizen(new Citizen(from, null, null, null, null, false))
                .replyRoute(new ReplyRoute(Channel.WECHAT, from, ReplyMode.CS_API))
                .signatureVerified(true)
                .signatureScheme(secure ? SCHEME_AES : SCHEME_PLAIN)
                .rawRef(raw.ref())
                .rawSha256(raw.sha256());
        String text;
        switch (msgType) {
            case "text" -> {
                text = text(f, "Content");
                if (text == null) {
                    return new ChannelResult.AckOnly(ACK, "empty", raw);
                }
                b.contentType(ContentType.TEXT).content(ContentText.fit(text));
            }
            case "image" -> {
                text = null;
                b.contentType(ContentType.IMAGE).attachments(image(f));
            }
            case "voice" -> {
                text = text(f, "Recognition"); // speech recognition, when enabled in the console
                String format = text(f, "Format");
                b.contentType(ContentType.VOICE)
                        .content(ContentText.fit(text))
                        .attachments(media(
                                f,
                                "VOICE",
                                format == null
                                        ? null
                                        : "audio/"
                                                + NOT_MIME_CHAR
                                                        .matcher(format.toLowerCase(Locale.ROOT))
                                                        .replaceAll("")));
            }
            case "video", "shortvideo" -> {
                text = null;
                b.contentType(ContentType.VIDEO).attachments(media(f, "VIDEO", null));
            }
            case "location" -> {
                text = text(f, "Label");
                b.contentType(ContentType.LOCATION)
                        .content(ContentText.fit(text))
                        .location(location(f, text));
            }
            case "link" -> {
                String title = text(f, "Title");
                text = joinLines(title, text(f, "Description"), text(f, "Url"));
                b.contentType(ContentType.LINK)
                        .title(
                                title == null
                                        ? null
                                        : title.substring(0, Math.min(title.length(), Intake.MAX_TITLE_CHARS)))
                        .content(ContentText.fit(text));
            }
            default -> {
                return new ChannelResult.AckOnly(ACK, "type:unknown", raw);
            }
        }
        triage.apply(b, text, ExplicitChoice.NONE, request.receivedAt());
        return new ChannelResult.Accepted(b.build(), raw, AckRenderer.fixed(ACK), guard);
    }

    private Location location(Map<String, String> f, String label) {
        try {
            double lat = Double.parseDouble(required(f, "Location_X")); // X is the latitude
            double lon = Double.parseDouble(required(f, "Location_Y"));
            if (lat >= -90 && lat <= 90 && lon >= -180 && lon <= 180) {
                return new Location(label, lat, lon, config.locationCrs(), null, null, null);
            }
        } catch (InputRejected | NumberFormatException e) {
            // a location message without usable coordinates keeps its label; the raw payload has the rest
        }
        return label == null ? null : Location.ofAddress(label);
    }

    /** The MediaId (downloadable for 3 days) and the PicUrl (WeChat's CDN copy, which outlives it) when usable. */
    private static List<Attachment> image(Map<String, String> f) {
        List<Attachment> out = new ArrayList<>(media(f, "IMAGE", null));
        try {
            String url = FieldRules.url(text(f, "PicUrl"), "PicUrl");
            if (url != null) {
                out.add(new Attachment("IMAGE", url, null, null, -1));
            }
        } catch (InputRejected e) {
            // not an http(s) URL: the MediaId and the raw payload still have the picture
        }
        return out;
    }

    private static List<Attachment> media(Map<String, String> f, String kind, String mime) {
        String mediaId = text(f, "MediaId");
        return mediaId == null ? List.of() : List.of(new Attachment(kind, "wechat-media:" + mediaId, mime, null, -1));
    }

    private String[] timestampAndNonce(InboundRequest request) throws InputRejected {
        String timestamp = request.queryParam("timestamp");
        if (timestamp == null || !EPOCH_SECONDS.matcher(timestamp).matches()) {
            throw timestamp == null
                    ? InputRejected.missing("timestamp")
                    : InputRejected.badField("timestamp", "expected epoch seconds");
        }
        return new String[] {timestamp, PushQuery.nonce(request)};
    }

    /**
     * After the signature (a forged request is told about its signature, not about its clock): the timestamp
     * window.
     *
     * @return the guard that remembers this timestamp and nonce with the body (the signature does not cover it)
     */
    private ReplayGuard fresh(InboundRequest request, String[] tn) throws InputRejected {
        Duration window = config.maxTimestampAge();
        if (Math.abs(clock.instant().getEpochSecond() - Long.parseLong(tn[0])) > window.toSeconds()) {
            throw new InputRejected(
                    401,
                    "stale_timestamp",
                    "timestamp",
                    "timestamp: more than " + window.toSeconds() + " s from the server clock (epoch seconds expected)");
        }
        return PushQuery.guard(request, tn[0], tn[1], window);
    }

    private static void checkSignature(String field, String given, String... parts) throws InputRejected {
        if (given == null || given.isEmpty()) {
            throw new InputRejected(401, "signature_missing", field, field + ": required");
        }
        if (!Digests.constantTimeEquals(Digests.sortedSha1Hex(parts), given.toLowerCase(Locale.ROOT))) {
            throw InputRejected.badSignature(field);
        }
    }

    private static String required(Map<String, String> f, String name) throws InputRejected {
        return FlatXml.required(f, name);
    }

    private static String text(Map<String, String> f, String name) {
        return FlatXml.text(f, name);
    }

    private static String joinLines(String... parts) {
        StringBuilder sb = new StringBuilder();
        for (String p : parts) {
            if (p != null) {
                sb.append(sb.isEmpty() ? "" : "\n").append(p);
            }
        }
        return sb.isEmpty() ? null : sb.toString();
    }

    /** For tests and the gateway's logs: the body that {@link #handle} acknowledges with. */
    public static String ackBody() {
        return new String(ACK.body(), StandardCharsets.UTF_8);
    }
}

package cn.jiesu.channels.app;

import cn.jiesu.channels.ApiClient;
import cn.jiesu.channels.ChannelResult;
import cn.jiesu.channels.ErrorReplies;
import cn.jiesu.channels.FieldRules;
import cn.jiesu.channels.HttpReply;
import cn.jiesu.channels.InboundRequest;
import cn.jiesu.channels.InputRejected;
import cn.jiesu.channels.JsonBody;
import cn.jiesu.channels.RawPayloads;
import cn.jiesu.channels.ReplayGuard;
import cn.jiesu.channels.RequestEnvelope;
import cn.jiesu.channels.RequestSignature;
import cn.jiesu.channels.Triage;
import cn.jiesu.channels.catalog.ServiceCatalog;
import cn.jiesu.channels.catalog.ServiceDefinition;
import cn.jiesu.core.appeal.AppendResult;
import cn.jiesu.core.classify.Classifier;
import cn.jiesu.core.classify.ExplicitChoice;
import cn.jiesu.core.intake.Attachment;
import cn.jiesu.core.intake.Channel;
import cn.jiesu.core.intake.Citizen;
import cn.jiesu.core.intake.ContentType;
import cn.jiesu.core.intake.Crs;
import cn.jiesu.core.intake.DateBounds;
import cn.jiesu.core.intake.Intake;
import cn.jiesu.core.intake.IntakeBuilder;
import cn.jiesu.core.intake.IntakeIds;
import cn.jiesu.core.intake.Location;
import cn.jiesu.core.intake.ReplyMode;
import cn.jiesu.core.intake.ReplyRoute;
import cn.jiesu.core.intake.RequestType;
import cn.jiesu.core.raw.RawPayload;
import cn.jiesu.core.sla.SlaPolicy;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * {@code POST /api/v1/appeals}: the first-party app's JSON API. Each client authenticates with {@code X-Api-Key}
 * and signs every request (see {@link RequestSignature}); {@code Idempotency-Key} (or, without it, the signature
 * nonce) is the dedupe id, so a retry returns the first appeal.
 *
 * <p>Body (UTF-8 JSON object; only {@code description} is required):
 * <pre>
 * {"description": "…",  "title": "…", "serviceCode": "0301", "requestType": "COMPLAINT",
 *  "address": "…", "lat": 39.99, "lon": 116.48, "crs": "GCJ02",
 *  "phone": "13800138000", "name": "李明", "email": "…", "confidential": false, "callbackRequested": false,
 *  "userId": "app-user-42", "occurredAt": "2024-05-30T10:00:05+08:00",
 *  "media": [{"kind": "IMAGE", "url": "https://…"}]}
 * </pre>
 * {@code requestType} takes the enum name or the Chinese name (投诉); {@code category} is an alias of it (both
 * given and different: 400 naming {@code category}). The citizen's request type wins over the one the service
 * maps to; the service's urgency stays.
 *
 * <p>Answer: 201 {@code {"intakeId": "…", "appealNo": "…"}}. A retry (same Idempotency-Key, or without one the
 * same signed request) gets the same status and the same bytes, plus {@code Idempotent-Replayed: true}. The same
 * Idempotency-Key with a different body is 422 naming {@code Idempotency-Key}. Every signed nonce is remembered for
 * twice the skew, bound to the body and the Idempotency-Key (or its absence): neither is what makes the signature
 * unique, so the nonce coming back with another body, another key, a key where there was none or none where there
 * was one is 409 naming {@code X-Intake-Nonce} (a captured request replayed with changes), never the first
 * appeal's 201. Both are checked by the gateway ({@link ReplayGuard}).
 *
 * <p>Stateless and thread-safe; {@link #handle} never throws.
 */
public final class AppApiAdapter {
    public static final String SCHEME = "HMAC";
    public static final int MAX_MEDIA = 9;
    /** Set on the answer to a retry; the draft-ietf-httpapi-idempotency-key-header / Stripe convention. */
    public static final String REPLAYED = "Idempotent-Replayed";

    private static final Set<String> MEDIA_KINDS = Set.of("IMAGE", "VOICE", "VIDEO", "FILE");
    private static final List<String> KEPT_HEADERS = List.of(
            "content-type",
            "content-length",
            "user-agent",
            "idempotency-key",
            RequestSignature.TIMESTAMP,
            RequestSignature.NONCE,
            RequestSignature.SIGNATURE);
    private static final String REQUEST_TYPES = Arrays.stream(RequestType.values())
            .map(t -> t.name() + " (" + t.chinese() + ")")
            .collect(Collectors.joining(", "));
    /** 409: the request conflicts with the one the nonce was first signed for (RFC 9110 15.5.10). */
    static final ChannelResult.Rejected NONCE_REUSED = ErrorReplies.json(
            409,
            "nonce_reused",
            "X-Intake-Nonce",
            "X-Intake-Nonce: already used for another request (another body, or another or no "
                    + "Idempotency-Key); sign every request with a fresh nonce");

    private static final ChannelResult.Rejected KEY_REUSED = ErrorReplies.json(
            422,
            "idempotency_key_reused",
            "Idempotency-Key",
            "Idempotency-Key: already used for a different request body; use a new key for a " + "new appeal");

    private final AppApiConfig config;
    private final Clock clock;
    private final IntakeIds ids;
    private final Triage triage;
    private final ServiceCatalog catalog;
    private final RequestEnvelope envelope;

    public AppApiAdapter(
            AppApiConfig config,
            Clock clock,
            IntakeIds ids,
            SlaPolicy sla,
            Classifier classifier,
            ServiceCatalog catalog) {
        this.config = config;
        this.clock = clock;
        this.ids = ids;
        this.triage = new Triage(classifier, sla);
        this.catalog = catalog;
        this.envelope = new RequestEnvelope(config.maxBodyBytes(), Set.of("application/json"), false);
    }

    public ChannelResult handle(InboundRequest request) {
        return envelope.post(request, this::create);
    }

    private ChannelResult create(InboundRequest request) throws InputRejected {
        String key = request.header("x-api-key");
        if (key == null || key.isEmpty()) {
            throw new InputRejected(401, "api_key_missing", "X-Api-Key", "X-Api-Key: required");
        }
        ApiClient client = ApiClient.byKey(config.clients(), key)
                .orElseThrow(() -> new InputRejected(401, "api_key_invalid", "X-Api-Key", "X-Api-Key: unknown key"));
        String nonce = RequestSignature.verify(request, client.secret(), clock, config.maxSkew());
        envelope.checkMediaType(request);
        String idempotencyKey = FieldRules.idempotencyKey(request);
        JsonObject json = JsonBody.object(request.body());
        RawPayload raw = RawPayloads.of(request, KEPT_HEADERS, null);

        String description = FieldRules.description(JsonBody.string(json, "description"), "description", true);
        ServiceDefinition service = service(JsonBody.string(json, "serviceCode"));
        RequestType chosen = chosenType(json);
        String phone = FieldRules.phone(JsonBody.string(json, "phone"), "phone");
        boolean callback = Boolean.TRUE.equals(JsonBody.bool(json, "callbackRequested"));
        if (callback && phone == null) {
            throw InputRejected.badField("phone", "required when callbackRequested is true");
        }
        String title = FieldRules.text(JsonBody.string(json, "title"), "title", 100);
        String userId = FieldRules.text(JsonBody.string(json, "userId"), "userId", 128);

        IntakeBuilder b = Intake.builder()
                .intakeId(ids.next())
                .channel(Channel.APP)
                .channelAccount(client.id())
                .channelMessageId(idempotencyKey != null ? "idem:" + idempotencyKey : "nonce:" + nonce)
                .receivedAt(request.receivedAt())
                .occurredAt(occurredAt(JsonBody.string(json, "occurredAt")))
                .contentType(ContentType.FORM)
                .title(title != null ? title : service == null ? null : service.name())
                .content(description)
                .attachments(media(JsonBody.array(json, "media")))
                .citizen(new Citizen(
                        userId,
                        FieldRules.text(JsonBody.string(json, "name"), "name", FieldRules.MAX_NAME),
                        phone,
                        null,
                        FieldRules.email(JsonBody.string(json, "email"), "email"),
                        Boolean.TRUE.equals(JsonBody.bool(json, "confidential"))))
                .location(location(json))
                .callbackRequested(callback)
                .callbackNumber(callback ? phone : null)
                .replyRoute(
                        callback
                                ? new ReplyRoute(Channel.PHONE, phone, ReplyMode.CALLBACK)
                                : new ReplyRoute(
                                        Channel.APP, userId, userId == null ? ReplyMode.NONE : ReplyMode.CS_API))
                .signatureVerified(true)
                .signatureScheme(SCHEME)
                .rawRef(raw.ref())
                .rawSha256(raw.sha256());
        triage.apply(
                b,
                description,
                service == null ? new ExplicitChoice(chosen, null) : service.choice(chosen),
                request.receivedAt());
        // Keyed or not: a keyless request replayed with a key (or the reverse) would otherwise be a second appeal.
        ReplayGuard guard =
                ReplayGuard.of(client.id(), nonce, request.body(), idempotencyKey, config.maxSkew(), NONCE_REUSED);
        return new ChannelResult.Accepted(
                b.build(), raw, AppApiAdapter::created, guard, idempotencyKey == null ? null : KEY_REUSED);
    }

    /**
     * The same status and bytes for the first request and every retry, so a client that lost the first answer
     * cannot get a different one; only the header tells a replay.
     */
    static HttpReply created(AppendResult appended) {
        HttpReply reply = HttpReply.json(
                201,
                new JsonObject()
                        .put("intakeId", appended.intakeId())
                        .put("appealNo", appended.appealNo())
                        .encode());
        return appended.duplicate() ? reply.withHeader(REPLAYED, "true") : reply;
    }

    /** {@code requestType}, or its alias {@code category}; both given must agree. */
    private static RequestType chosenType(JsonObject json) throws InputRejected {
        RequestType byType = requestType(JsonBody.string(json, "requestType"), "requestType");
        RequestType byCategory = requestType(JsonBody.string(json, "category"), "category");
        if (byType != null && byCategory != null && byType != byCategory) {
            throw InputRejected.badField(
                    "category", "is " + byCategory + " but requestType is " + byType + "; send one of them");
        }
        return byType != null ? byType : byCategory;
    }

    private ServiceDefinition service(String code) throws InputRejected {
        if (code == null) {
            return null;
        }
        return catalog.byCode(code).orElseThrow(() -> InputRejected.badField("serviceCode", "unknown service"));
    }

    /** The enum name in any case, or the Chinese name agents use (the app may show either). */
    static RequestType requestType(String value, String field) throws InputRejected {
        if (value == null || value.isBlank()) {
            return null;
        }
        String v = value.trim();
        for (RequestType t : RequestType.values()) {
            if (t.name().equalsIgnoreCase(v) || t.chinese().equals(v)) {
                return t;
            }
        }
        throw InputRejected.badField(field, "one of " + REQUEST_TYPES);
    }

    private static Instant occurredAt(String value) throws InputRejected {
        if (value == null) {
            return null;
        }
        Instant at;
        try {
            at = OffsetDateTime.parse(value).toInstant();
        } catch (DateTimeParseException e) {
            throw InputRejected.badField("occurredAt", "ISO-8601 with an offset, e.g. 2024-05-30T10:00:05+08:00");
        }
        if (!DateBounds.contains(at)) {
            throw InputRejected.badField("occurredAt", "ISO-8601 with an offset and " + DateBounds.describe());
        }
        return at;
    }

    private Location location(JsonObject json) throws InputRejected {
        String address = FieldRules.text(JsonBody.string(json, "address"), "address", FieldRules.MAX_ADDRESS);
        Double lat = JsonBody.number(json, "lat");
        Double lon = JsonBody.number(json, "lon");
        if ((lat == null) != (lon == null)) {
            throw InputRejected.badField(lat == null ? "lat" : "lon", "lat and lon must be given together");
        }
        FieldRules.latitude(lat, "lat");
        FieldRules.longitude(lon, "lon");
        String crsName = JsonBody.string(json, "crs");
        Crs crs = config.defaultCrs();
        if (crsName != null) {
            try {
                crs = Crs.valueOf(crsName.trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw InputRejected.badField("crs", "one of WGS84, GCJ02, BD09");
            }
        }
        if (address == null && lat == null) {
            return null;
        }
        return new Location(address, lat, lon, lat == null ? null : crs, null, null, null);
    }

    private static List<Attachment> media(JsonArray media) throws InputRejected {
        if (media == null) {
            return List.of();
        }
        if (media.size() > MAX_MEDIA) {
            throw InputRejected.badField("media", "at most " + MAX_MEDIA + " items");
        }
        List<Attachment> out = new ArrayList<>();
        for (int i = 0; i < media.size(); i++) {
            String field = "media[" + i + "]";
            if (!(media.getValue(i) instanceof JsonObject m)) {
                throw InputRejected.badField(field, "expected an object");
            }
            String kind;
            String url;
            try {
                kind = JsonBody.string(m, "kind");
                url = FieldRules.url(JsonBody.string(m, "url"), "url");
            } catch (InputRejected e) {
                throw new InputRejected(400, e.code(), field + "." + e.field(), field + "." + e.getMessage());
            }
            kind = kind == null ? "FILE" : kind.trim().toUpperCase(Locale.ROOT);
            if (!MEDIA_KINDS.contains(kind)) {
                throw InputRejected.badField(field + ".kind", "one of " + MEDIA_KINDS);
            }
            if (url == null) {
                throw InputRejected.missing(field + ".url");
            }
            out.add(new Attachment(kind, url, null, null, -1));
        }
        return out;
    }
}

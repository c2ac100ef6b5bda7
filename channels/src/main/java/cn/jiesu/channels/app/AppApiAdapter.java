package cn.jiesu.channels.app;

import cn.jiesu.channels.ApiClient;
import cn.jiesu.channels.ChannelResult;
import cn.jiesu.channels.FieldRules;
import cn.jiesu.channels.HttpReply;
import cn.jiesu.channels.InboundRequest;
import cn.jiesu.channels.InputRejected;
import cn.jiesu.channels.JsonBody;
import cn.jiesu.channels.RawPayload;
import cn.jiesu.channels.RequestEnvelope;
import cn.jiesu.channels.RequestSignature;
import cn.jiesu.channels.Triage;
import cn.jiesu.channels.catalog.ServiceCatalog;
import cn.jiesu.channels.catalog.ServiceDefinition;
import cn.jiesu.core.classify.Classifier;
import cn.jiesu.core.classify.ExplicitChoice;
import cn.jiesu.core.intake.Attachment;
import cn.jiesu.core.intake.Channel;
import cn.jiesu.core.intake.Citizen;
import cn.jiesu.core.intake.ContentType;
import cn.jiesu.core.intake.Crs;
import cn.jiesu.core.intake.Intake;
import cn.jiesu.core.intake.IntakeBuilder;
import cn.jiesu.core.intake.IntakeIds;
import cn.jiesu.core.intake.Location;
import cn.jiesu.core.intake.ReplyMode;
import cn.jiesu.core.intake.ReplyRoute;
import cn.jiesu.core.intake.RequestType;
import cn.jiesu.core.sla.SlaPolicy;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * {@code POST /api/v1/appeals}: the first-party app's JSON API. Each client authenticates with {@code X-Api-Key}
 * and signs every request (see {@link RequestSignature}); {@code Idempotency-Key} (or, without it, the signature
 * nonce) is the dedupe id, so a retry returns the first appeal with {@code "duplicate": true}.
 *
 * <p>Body (UTF-8 JSON object; only {@code description} is required):
 * <pre>
 * {"description": "…",  "title": "…", "serviceCode": "0301", "requestType": "COMPLAINT",
 *  "address": "…", "lat": 39.99, "lon": 116.48, "crs": "GCJ02",
 *  "phone": "13800138000", "name": "李明", "email": "…", "confidential": false, "callbackRequested": false,
 *  "userId": "app-user-42", "occurredAt": "2024-05-30T10:00:05+08:00",
 *  "media": [{"kind": "IMAGE", "url": "https://…"}]}
 * </pre>
 * Answer: 201 (200 for a duplicate) {@code {"intakeId": "…", "appealNo": "…", "duplicate": false}}.
 *
 * <p>Stateless and thread-safe; {@link #handle} never throws.
 */
public final class AppApiAdapter {
    public static final String SCHEME = "HMAC";
    public static final int MAX_MEDIA = 9;
    private static final Set<String> MEDIA_KINDS = Set.of("IMAGE", "VOICE", "VIDEO", "FILE");
    private static final List<String> KEPT_HEADERS = List.of("content-type", "content-length", "user-agent",
            "idempotency-key", RequestSignature.TIMESTAMP, RequestSignature.NONCE, RequestSignature.SIGNATURE);

    private final AppApiConfig config;
    private final Clock clock;
    private final IntakeIds ids;
    private final Triage triage;
    private final ServiceCatalog catalog;
    private final RequestEnvelope envelope;

    public AppApiAdapter(AppApiConfig config, Clock clock, IntakeIds ids, SlaPolicy sla, Classifier classifier,
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
        ApiClient client = ApiClient.byKey(config.clients(), key).orElseThrow(() ->
                new InputRejected(401, "api_key_invalid", "X-Api-Key", "X-Api-Key: unknown key"));
        String nonce = RequestSignature.verify(request, client.secret(), clock, config.maxSkew());
        envelope.checkMediaType(request);
        String idempotencyKey = FieldRules.idempotencyKey(request);
        JsonObject json = JsonBody.object(request.body());
        RawPayload raw = RawPayload.of(request, KEPT_HEADERS, null);

        String description = FieldRules.description(JsonBody.string(json, "description"), "description", true);
        ServiceDefinition service = service(JsonBody.string(json, "serviceCode"));
        RequestType chosen = requestType(JsonBody.string(json, "requestType"));
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
                .citizen(new Citizen(userId, FieldRules.text(JsonBody.string(json, "name"), "name",
                        FieldRules.MAX_NAME), phone, null, FieldRules.email(JsonBody.string(json, "email"), "email"),
                        Boolean.TRUE.equals(JsonBody.bool(json, "confidential"))))
                .location(location(json))
                .callbackRequested(callback)
                .callbackNumber(callback ? phone : null)
                .replyRoute(callback ? new ReplyRoute(Channel.PHONE, phone, ReplyMode.CALLBACK)
                        : new ReplyRoute(Channel.APP, userId, userId == null ? ReplyMode.NONE : ReplyMode.CS_API))
                .signatureVerified(true)
                .signatureScheme(SCHEME)
                .rawRef(raw.ref())
                .rawSha256(raw.sha256());
        RequestType type = service != null && service.requestType() != null ? service.requestType() : chosen;
        triage.apply(b, description, new ExplicitChoice(type, service == null ? null : service.urgency()),
                request.receivedAt());
        return new ChannelResult.Accepted(b.build(), raw, appended -> HttpReply.json(appended.duplicate() ? 200 : 201,
                new JsonObject().put("intakeId", appended.intakeId()).put("appealNo", appended.appealNo())
                        .put("duplicate", appended.duplicate()).encode()));
    }

    private ServiceDefinition service(String code) throws InputRejected {
        if (code == null) {
            return null;
        }
        return catalog.byCode(code).orElseThrow(() -> InputRejected.badField("serviceCode", "unknown service"));
    }

    static RequestType requestType(String value) throws InputRejected {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return RequestType.valueOf(value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw InputRejected.badField("requestType", "one of CONSULT, HELP, COMPLAINT, REPORT, SUGGESTION, "
                    + "PRAISE, OTHER");
        }
    }

    private static Instant occurredAt(String value) throws InputRejected {
        if (value == null) {
            return null;
        }
        try {
            return OffsetDateTime.parse(value).toInstant();
        } catch (DateTimeParseException e) {
            throw InputRejected.badField("occurredAt", "ISO-8601 with an offset, e.g. 2024-05-30T10:00:05+08:00");
        }
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

package cn.jiesu.channels.open311;

import cn.jiesu.channels.ApiClient;
import cn.jiesu.channels.ChannelResult;
import cn.jiesu.channels.FieldRules;
import cn.jiesu.channels.HttpReply;
import cn.jiesu.channels.InboundRequest;
import cn.jiesu.channels.InputRejected;
import cn.jiesu.channels.RawPayloads;
import cn.jiesu.channels.ReplayGuard;
import cn.jiesu.channels.RequestChecks;
import cn.jiesu.channels.RequestSignature;
import cn.jiesu.channels.Triage;
import cn.jiesu.channels.catalog.ServiceCatalog;
import cn.jiesu.channels.catalog.ServiceDefinition;
import cn.jiesu.core.appeal.AppealRecord;
import cn.jiesu.core.classify.Classifier;
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
import cn.jiesu.core.intake.Urgency;
import cn.jiesu.core.raw.RawPayload;
import cn.jiesu.core.sla.SlaPolicy;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Open311 GeoReport v2 at {@code /open311/v2/}: the gateway routes each resource to one method here and sends the
 * returned reply. Existing Open311 clients work unchanged: JSON responses are in the spec's exact shapes and errors
 * are the spec's array of {@code {code, description}} (see {@link Open311Errors}).
 *
 * <ul>
 *   <li>{@code GET discovery.json} → {@link #discovery()}</li>
 *   <li>{@code GET services.json} → {@link #services()}; {@code GET services/{code}.json} →
 *       {@link #serviceDefinition(String)}</li>
 *   <li>{@code POST requests.json} → {@link #createRequest(InboundRequest)}: form-encoded (spec) or JSON</li>
 *   <li>{@code GET requests.json} → {@link #lookup(InboundRequest)}, run the query, then
 *       {@link #renderRequests(Open311Query, List)}; {@code GET requests/{id}.json} → {@link #renderRequest}</li>
 * </ul>
 * The created request's {@code service_request_id} is the appeal number. service_code maps to the service's request
 * type and urgency (an explicit choice); the {@code REQTYPE} attribute, the citizen's own pick, sets the request
 * type over the service's, {@code ANON=true} marks the citizen confidential; other attributes follow the service
 * name in the title ({@link Open311Title}), so the content is the citizen's description exactly as posted.
 *
 * <p>A {@code jurisdiction_id} other than ours, and on POST a {@code service_code} we do not have, are 404 (the
 * spec's "service_code or jurisdiction_id was not found"); an absent or empty one is ours. Stateless and
 * thread-safe; no method throws.
 */
public final class Open311Adapter {
    public static final String SCHEME_API_KEY = "OPEN311_APIKEY";
    public static final String SCHEME_HMAC = "HMAC";
    private static final Set<String> MEDIA_TYPES = Set.of("application/x-www-form-urlencoded", "application/json");
    private static final Pattern REQUEST_ID = Pattern.compile("[A-Za-z0-9_.:-]{1,64}");
    private static final Pattern IMAGE_URL = Pattern.compile(".*\\.(jpe?g|png|gif|webp|heic)([?#].*)?");
    private static final Pattern VIDEO_URL = Pattern.compile(".*\\.(mp4|mov)([?#].*)?");
    private static final List<String> KEPT_HEADERS = List.of(
            "content-type",
            "content-length",
            "user-agent",
            "idempotency-key",
            RequestSignature.TIMESTAMP,
            RequestSignature.NONCE,
            RequestSignature.SIGNATURE);
    /** The arguments of POST requests the GeoReport v2 spec defines, kept as the raw payload with the attributes the
     * service defines; api_key is the client's identifier, already the appeal's channel account. */
    private static final Set<String> SPEC_FIELDS = Set.of(
            "jurisdiction_id",
            "service_code",
            "lat",
            "long",
            "address_string",
            "address_id",
            "email",
            "device_id",
            "account_id",
            "first_name",
            "last_name",
            "phone",
            "description",
            "media_url");

    private static final ChannelResult.Rejected NONCE_REUSED = Open311Errors.of(
            409,
            "nonce_reused",
            "X-Intake-Nonce",
            "X-Intake-Nonce: already used for another request (another body, or another or no "
                    + "Idempotency-Key); sign every request with a fresh nonce");
    private static final ChannelResult.Rejected KEY_REUSED = Open311Errors.of(
            422,
            "idempotency_key_reused",
            "Idempotency-Key",
            "Idempotency-Key: already used for a different request body; use a new key for a " + "new request");

    private final Open311Config config;
    private final Clock clock;
    private final IntakeIds ids;
    private final SlaPolicy sla;
    private final Triage triage;
    private final ServiceCatalog catalog;
    private final Open311Renderer renderer;

    public Open311Adapter(
            Open311Config config,
            Clock clock,
            IntakeIds ids,
            SlaPolicy sla,
            Classifier classifier,
            ServiceCatalog catalog) {
        this.config = config;
        this.clock = clock;
        this.ids = ids;
        this.sla = sla;
        this.triage = new Triage(classifier, sla);
        this.catalog = catalog;
        this.renderer = new Open311Renderer(catalog, config.zone());
    }

    public HttpReply discovery() {
        return renderer.discovery(config.discovery());
    }

    public HttpReply services() {
        return renderer.services();
    }

    /**
     * 200 with the definition, or 404 in the error shape for an unknown code. A service without metadata has an
     * empty attribute list: clients may ask for any code services.json lists.
     */
    public HttpReply serviceDefinition(String code) {
        return catalog.byCode(code)
                .map(renderer::definition)
                .orElseGet(() -> Open311Errors.notFound("service_code " + Open311Errors.safe(code))
                        .reply());
    }

    /**
     * The 404 for a GET whose {@code jurisdiction_id} is not ours (every resource answers it); empty when the
     * request names ours or none.
     */
    public Optional<ChannelResult.Rejected> foreignJurisdiction(InboundRequest request) {
        try {
            checkJurisdiction(config, request.query().getOrDefault("jurisdiction_id", List.of()));
            return Optional.empty();
        } catch (InputRejected e) {
            return Optional.of(Open311Errors.of(e));
        }
    }

    /**
     * The 403 for reading requests ({@code GET requests} and {@code requests/{id}}) when
     * {@code channels.open311.public-reads} is false and the query carries no {@code api_key} of a configured
     * client (the spec's "api_key was not provided or invalid"); empty when the read may go ahead.
     */
    public Optional<ChannelResult.Rejected> readRefused(InboundRequest request) {
        if (config.publicReads()) {
            return Optional.empty();
        }
        String key = request.queryParam("api_key");
        if (key != null && ApiClient.byKey(config.clients(), key).isPresent()) {
            return Optional.empty();
        }
        return Optional.of(Open311Errors.of(
                403,
                "api_key_invalid",
                "api_key",
                "api_key was not provided or invalid -- requests are read by configured clients only"));
    }

    public ChannelResult createRequest(InboundRequest request) {
        try {
            return create(request);
        } catch (InputRejected e) {
            return Open311Errors.of(e);
        } catch (RuntimeException e) {
            return Open311Errors.of(500, "internal_error", null, "internal error");
        }
    }

    public Open311Lookup lookup(InboundRequest request) {
        try {
            return new Open311Lookup.Query(Open311Queries.parse(request, config, clock.instant()));
        } catch (InputRejected e) {
            return new Open311Lookup.Invalid(Open311Errors.of(e));
        }
    }

    /** Applies the query's filters, newest first, capped at its limit, and renders the array. */
    public HttpReply renderRequests(Open311Query query, List<AppealRecord> records) {
        return renderer.requests(Open311Queries.filter(query, records, catalog));
    }

    /**
     * Whether {@code record} answers {@code query}: lets the gateway filter the listing page by page, so the limit
     * counts matches rather than requests read.
     */
    public boolean matches(Open311Query query, AppealRecord record) {
        return Open311Queries.matches(query, record, catalog);
    }

    /** {@code requests/{id}.json}: a one-element array, or 404 in the error shape. */
    public HttpReply renderRequest(String id, Optional<AppealRecord> record) {
        return record.map(r -> renderer.requests(List.of(r)))
                .orElseGet(() -> Open311Errors.notFound("service_request_id " + Open311Errors.safe(id))
                        .reply());
    }

    /** Whether {@code id} can be a service_request_id (so the gateway does not query the store with garbage). */
    public static boolean plausibleRequestId(String id) {
        return id != null && REQUEST_ID.matcher(id).matches();
    }

    private ChannelResult create(InboundRequest request) throws InputRejected {
        if (!request.method().equals("POST")) {
            throw new InputRejected(405, "method_not_allowed", null, "method: use POST");
        }
        RequestChecks.bodyWithin(request, config.maxBodyBytes());
        String type = RequestChecks.mediaType(request, MEDIA_TYPES, false);
        Map<String, List<String>> f = type.equals("application/json")
                ? Open311Fields.fromJson(request.body())
                : Open311Fields.fromForm(request.body());
        String key = first(f, "api_key");
        if (key == null) {
            key = request.queryParam("api_key");
        }
        ApiClient client =
                key == null ? null : ApiClient.byKey(config.clients(), key).orElse(null);
        if (client == null) {
            throw new InputRejected(403, "api_key_invalid", "api_key", Open311Errors.INVALID_API_KEY);
        }
        boolean signed = client.secret() != null
                && (request.header(RequestSignature.SIGNATURE) != null
                        || config.requireSignature().contains(client.id()));
        String nonce = signed ? RequestSignature.verify(request, client.secret(), clock, config.maxSkew()) : null;
        String idempotencyKey = FieldRules.idempotencyKey(request);

        checkJurisdiction(config, f.getOrDefault("jurisdiction_id", List.of()));
        checkJurisdiction(config, request.query().getOrDefault("jurisdiction_id", List.of()));
        String code = first(f, "service_code");
        if (code == null) {
            throw InputRejected.missing("service_code");
        }
        ServiceDefinition service = catalog.byCode(code).orElseThrow(() -> Open311Errors.unknown("service_code", code));
        Open311Attributes attributes = Open311Attributes.parse(f, service);
        String description = FieldRules.description(first(f, "description"), "description", false);
        Location location = location(f);
        String phone = FieldRules.phone(first(f, "phone"), "phone");
        String first = FieldRules.text(first(f, "first_name"), "first_name", FieldRules.MAX_NAME);
        String last = FieldRules.text(first(f, "last_name"), "last_name", FieldRules.MAX_NAME);
        String account = FieldRules.text(first(f, "account_id"), "account_id", 128);
        String device = FieldRules.text(first(f, "device_id"), "device_id", 128);
        String media = FieldRules.url(first(f, "media_url"), "media_url");

        RawPayload raw = RawPayloads.ofFields(
                request, KEPT_HEADERS, f, name -> SPEC_FIELDS.contains(name) || attributes.defines(name));
        String intakeId = ids.next();
        IntakeBuilder b = Intake.builder()
                .intakeId(intakeId)
                .channel(Channel.OPEN311)
                .channelAccount(client.id())
                .channelMessageId(
                        idempotencyKey != null
                                ? "idem:" + idempotencyKey
                                : nonce != null ? "nonce:" + nonce : "req:" + intakeId)
                .receivedAt(request.receivedAt())
                .contentType(ContentType.FORM)
                .title(Open311Title.of(service, attributes.unmapped()))
                .content(description)
                .attachments(
                        media == null ? List.of() : List.of(new Attachment(mediaKind(media), media, null, null, -1)))
                .citizen(new Citizen(
                        account != null ? account : device,
                        name(last, first),
                        phone,
                        null,
                        FieldRules.email(first(f, "email"), "email"),
                        attributes.confidential()))
                .location(location)
                // Open311 clients pull status with GET requests/{id}.json: nothing is pushed.
                .replyRoute(new ReplyRoute(Channel.OPEN311, intakeId, ReplyMode.NONE))
                .signatureVerified(signed)
                .signatureScheme(signed ? SCHEME_HMAC : SCHEME_API_KEY)
                .rawRef(raw.ref())
                .rawSha256(raw.sha256());
        Urgency urgency = triage.apply(b, description, service.choice(attributes.requestType()), request.receivedAt())
                .urgency();
        String notice = config.serviceNotice().replace("{limit}", limit(sla.limit(urgency)));
        // A signed request gets the app API's replay rules (same signature); an api_key alone signs nothing. The
        // Idempotency-Key's reuse for another request is refused either way: a keyed request is one appeal per key.
        ReplayGuard guard = nonce == null
                ? null
                : ReplayGuard.of(client.id(), nonce, request.body(), idempotencyKey, config.maxSkew(), NONCE_REUSED);
        return new ChannelResult.Accepted(
                b.build(),
                raw,
                appended -> renderer.created(
                        appended.appealNo() != null ? appended.appealNo() : appended.intakeId(), notice, account),
                guard,
                idempotencyKey == null ? null : KEY_REUSED);
    }

    private static Location location(Map<String, List<String>> f) throws InputRejected {
        String address = FieldRules.text(first(f, "address_string"), "address_string", FieldRules.MAX_ADDRESS);
        String addressId = FieldRules.text(first(f, "address_id"), "address_id", 128);
        Double lat = number(first(f, "lat"), "lat");
        Double lon = number(first(f, "long"), "long");
        if ((lat == null) != (lon == null)) {
            throw InputRejected.badField(lat == null ? "lat" : "long", "lat and long must be given together");
        }
        FieldRules.latitude(lat, "lat");
        FieldRules.longitude(lon, "long");
        if (lat == null && address == null && addressId == null) {
            throw new InputRejected(
                    400,
                    "field_missing",
                    "lat",
                    "lat: a location is required: lat and long, address_string or address_id");
        }
        return new Location(
                address,
                lat,
                lon,
                lat == null ? null : Crs.WGS84,
                null,
                null,
                null, // Open311: WGS84
                addressId);
    }

    private static Double number(String v, String field) throws InputRejected {
        if (v == null) {
            return null;
        }
        try {
            double d = Double.parseDouble(v.trim());
            if (Double.isNaN(d) || Double.isInfinite(d)) {
                throw InputRejected.badField(field, "expected a number");
            }
            return d;
        } catch (NumberFormatException e) {
            throw InputRejected.badField(field, "expected a number");
        }
    }

    /** "7日", "24小时", "2小时", "90分钟": the SLA limit as the notice reads it. */
    static String limit(Duration d) {
        if (d.toHours() >= 48 && d.toHours() % 24 == 0) {
            return d.toDays() + "日";
        }
        if (d.toMinutes() % 60 == 0) {
            return d.toHours() + "小时";
        }
        return d.toMinutes() + "分钟";
    }

    private static String name(String last, String first) {
        if (last == null && first == null) {
            return null;
        }
        return (last == null ? "" : last) + (first == null ? "" : first); // family name first
    }

    private static String mediaKind(String url) {
        String u = url.toLowerCase(Locale.ROOT);
        return IMAGE_URL.matcher(u).matches() ? "IMAGE" : VIDEO_URL.matcher(u).matches() ? "VIDEO" : "FILE";
    }

    /** Refuses with 404 any non-empty {@code given} jurisdiction_id that is not ours; we name none: any is ours. */
    static void checkJurisdiction(Open311Config config, List<String> given) throws InputRejected {
        for (String g : given) {
            String j = g.strip();
            if (!j.isEmpty() && config.jurisdictionId() != null && !j.equals(config.jurisdictionId())) {
                throw Open311Errors.unknown("jurisdiction_id", j);
            }
        }
    }

    static String first(Map<String, List<String>> f, String name) {
        List<String> v = f.get(name);
        if (v == null || v.isEmpty() || v.get(0).isBlank()) {
            return null; // the spec: an empty parameter is the same as an absent one
        }
        return v.get(0).strip();
    }
}

package cn.jiesu.core.intake;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * Maps an {@link Intake} to flat string fields (a Redis stream entry or hash) and back.
 *
 * <p>Absent optionals are left out rather than written as empty strings, so {@code fromFields(toFields(x))}
 * equals {@code x}. Lists use indexed keys ({@code attachments.0.kind}) so no value ever needs escaping.
 */
public final class IntakeCodec {
    /** Field names are part of the wire format of the stream: rename only with a migration. */
    public static final String INTAKE_ID = "intakeId";

    public static final String APPEAL_NO = "appealNo";
    public static final String DEDUPE_KEY = "dedupeKey";

    /**
     * The stream entry's format and version (docs/schemas/intake-entry.v1.json), written by the store on the stream
     * entry only (not in {@link #toFields}, which the appeal hash keeps too): consumers outside Jiesu read the stream
     * and need to tell a format they know from a newer one. A renamed, removed or re-typed field makes a new version;
     * an added field does not.
     */
    public static final String SCHEMA = "schema";

    public static final String SCHEMA_VERSION = "intake-entry.v1";

    private IntakeCodec() {}

    public static Map<String, String> toFields(Intake in) {
        Map<String, String> f = new LinkedHashMap<>();
        f.put(INTAKE_ID, in.intakeId());
        put(f, APPEAL_NO, in.appealNo());
        f.put("channel", in.channel().name());
        f.put("channelAccount", in.channelAccount());
        f.put("channelMessageId", in.channelMessageId());
        f.put(DEDUPE_KEY, in.dedupeKey());
        f.put("receivedAt", in.receivedAt().toString());
        put(f, "occurredAt", in.occurredAt());
        f.put("contentType", in.contentType().name());
        put(f, "title", in.title());
        put(f, "content", in.content());
        for (int i = 0; i < in.attachments().size(); i++) {
            Attachment a = in.attachments().get(i);
            String p = "attachments." + i + ".";
            f.put(p + "kind", a.kind());
            f.put(p + "reference", a.reference());
            put(f, p + "mime", a.mime());
            put(f, p + "sha256", a.sha256());
            f.put(p + "size", Long.toString(a.size()));
        }
        Citizen c = in.citizen();
        put(f, "citizen.channelUserId", c.channelUserId());
        put(f, "citizen.name", c.name());
        put(f, "citizen.phone", c.phone());
        put(f, "citizen.callerNumber", c.callerNumber());
        put(f, "citizen.email", c.email());
        f.put("citizen.confidential", Boolean.toString(c.confidential()));
        Location l = in.location();
        if (l != null) {
            f.put("location", "1");
            put(f, "location.addressText", l.addressText());
            put(f, "location.lat", l.lat());
            put(f, "location.lon", l.lon());
            put(f, "location.crs", l.crs());
            put(f, "location.district", l.district());
            put(f, "location.street", l.street());
            put(f, "location.community", l.community());
            put(f, "location.addressId", l.addressId());
        }
        f.put("requestType", in.requestType().name());
        f.put("urgency", in.urgency().name());
        put(f, "dueAt", in.dueAt());
        f.put("callbackRequested", Boolean.toString(in.callbackRequested()));
        put(f, "callbackNumber", in.callbackNumber());
        ReplyRoute r = in.replyRoute();
        put(f, "replyRoute.channel", r.channel());
        put(f, "replyRoute.target", r.target());
        f.put("replyRoute.mode", r.mode().name());
        f.put("signatureVerified", Boolean.toString(in.signatureVerified()));
        put(f, "signatureScheme", in.signatureScheme());
        put(f, "rawRef", in.rawRef());
        put(f, "rawSha256", in.rawSha256());
        CallInfo call = in.call();
        if (call != null) {
            put(f, "call.linkedid", call.linkedid());
            put(f, "call.uniqueid", call.uniqueid());
            put(f, "call.dnis", call.dnis());
            put(f, "call.queue", call.queue());
            put(f, "call.agent", call.agent());
            put(f, "call.language", call.language());
            putList(f, "call.ivrPath", call.ivrPath());
            put(f, "call.recordingRef", call.recordingRef());
            put(f, "call.hangupCause", call.hangupCause());
            put(f, "call.durationS", call.durationS());
            put(f, "call.disposition", call.disposition());
            f.put("call", "1");
        }
        putList(f, "relatedIntakeIds", in.relatedIntakeIds());
        TriageMark t = in.triage();
        f.put("triage.confidence", Double.toString(t.confidence()));
        f.put("triage.review", Boolean.toString(t.review()));
        put(f, "triage.reason", t.reason());
        if (!t.topics().isEmpty()) {
            f.put("triage.topics", String.join(",", t.topics()));
        }
        PlaceMark place = in.place();
        if (place != null) {
            f.put("place.district", place.district());
            put(f, "place.street", place.street());
            f.put("place.confidence", Double.toString(place.confidence()));
        }
        return f;
    }

    public static Intake fromFields(Map<String, String> f) {
        try {
            return decode(f);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(
                    "not a valid intake record (" + f.get(INTAKE_ID) + "): " + e.getMessage(), e);
        }
    }

    private static Intake decode(Map<String, String> f) {
        List<Attachment> attachments = new ArrayList<>();
        for (int i = 0; f.containsKey("attachments." + i + ".kind"); i++) {
            String p = "attachments." + i + ".";
            attachments.add(new Attachment(
                    f.get(p + "kind"),
                    f.get(p + "reference"),
                    f.get(p + "mime"),
                    f.get(p + "sha256"),
                    Long.parseLong(f.getOrDefault(p + "size", "-1"))));
        }
        Citizen citizen = new Citizen(
                f.get("citizen.channelUserId"),
                f.get("citizen.name"),
                f.get("citizen.phone"),
                f.get("citizen.callerNumber"),
                f.get("citizen.email"),
                Boolean.parseBoolean(f.get("citizen.confidential")));
        Location location = null;
        if (f.containsKey("location")) {
            location = new Location(
                    f.get("location.addressText"),
                    get(f, "location.lat", Double::valueOf),
                    get(f, "location.lon", Double::valueOf),
                    get(f, "location.crs", Crs::valueOf),
                    f.get("location.district"),
                    f.get("location.street"),
                    f.get("location.community"),
                    f.get("location.addressId"));
        }
        ReplyRoute route = new ReplyRoute(
                get(f, "replyRoute.channel", Channel::valueOf),
                f.get("replyRoute.target"),
                ReplyMode.valueOf(f.getOrDefault("replyRoute.mode", ReplyMode.NONE.name())));
        CallInfo call = null;
        if (f.containsKey("call")) {
            call = new CallInfo(
                    f.get("call.linkedid"),
                    f.get("call.uniqueid"),
                    f.get("call.dnis"),
                    f.get("call.queue"),
                    f.get("call.agent"),
                    f.get("call.language"),
                    getList(f, "call.ivrPath"),
                    f.get("call.recordingRef"),
                    get(f, "call.hangupCause", Integer::valueOf),
                    get(f, "call.durationS", Integer::valueOf),
                    get(f, "call.disposition", CallDisposition::valueOf));
        }
        return Intake.builder()
                .intakeId(f.get(INTAKE_ID))
                .appealNo(f.get(APPEAL_NO))
                .channel(Channel.valueOf(f.get("channel")))
                .channelAccount(f.get("channelAccount"))
                .channelMessageId(f.get("channelMessageId"))
                .receivedAt(Instant.parse(f.get("receivedAt")))
                .occurredAt(get(f, "occurredAt", Instant::parse))
                .contentType(ContentType.valueOf(f.get("contentType")))
                .title(f.get("title"))
                .content(f.get("content"))
                .attachments(attachments)
                .citizen(citizen)
                .location(location)
                .requestType(get(f, "requestType", RequestType::valueOf))
                .urgency(get(f, "urgency", Urgency::valueOf))
                .dueAt(get(f, "dueAt", Instant::parse))
                .callbackRequested(Boolean.parseBoolean(f.get("callbackRequested")))
                .callbackNumber(f.get("callbackNumber"))
                .replyRoute(route)
                .signatureVerified(Boolean.parseBoolean(f.get("signatureVerified")))
                .signatureScheme(f.get("signatureScheme"))
                .rawRef(f.get("rawRef"))
                .rawSha256(f.get("rawSha256"))
                .call(call)
                .relatedIntakeIds(getList(f, "relatedIntakeIds"))
                .triage(
                        f.containsKey("triage.confidence")
                                ? new TriageMark(
                                        Double.parseDouble(f.get("triage.confidence")),
                                        Boolean.parseBoolean(f.get("triage.review")),
                                        f.get("triage.reason"),
                                        topics(f.get("triage.topics")))
                                : null)
                .place(
                        f.containsKey("place.district")
                                ? new PlaceMark(
                                        f.get("place.district"),
                                        f.get("place.street"),
                                        Double.parseDouble(f.getOrDefault("place.confidence", "0")))
                                : null)
                .build();
    }

    private static Set<String> topics(String joined) {
        return joined == null || joined.isEmpty() ? Set.of() : new TreeSet<>(Arrays.asList(joined.split(",")));
    }

    private static void put(Map<String, String> f, String key, Object value) {
        if (value != null) {
            f.put(key, value instanceof Enum<?> e ? e.name() : value.toString());
        }
    }

    private static void putList(Map<String, String> f, String key, List<String> values) {
        for (int i = 0; i < values.size(); i++) {
            f.put(key + "." + i, values.get(i));
        }
    }

    private static <T> T get(Map<String, String> f, String key, Function<String, T> parse) {
        String v = f.get(key);
        return v == null ? null : parse.apply(v);
    }

    private static List<String> getList(Map<String, String> f, String key) {
        List<String> out = new ArrayList<>();
        for (int i = 0; f.containsKey(key + "." + i); i++) {
            out.add(f.get(key + "." + i));
        }
        return out;
    }
}

package cn.jiesu.channels.open311;

import cn.jiesu.channels.HttpReply;
import cn.jiesu.channels.catalog.AttributeValue;
import cn.jiesu.channels.catalog.ServiceAttribute;
import cn.jiesu.channels.catalog.ServiceCatalog;
import cn.jiesu.channels.catalog.ServiceDefinition;
import cn.jiesu.core.appeal.AppealRecord;
import cn.jiesu.core.appeal.AppealStatus;
import cn.jiesu.core.intake.Attachment;
import cn.jiesu.core.intake.ContactMask;
import cn.jiesu.core.intake.Crs;
import cn.jiesu.core.intake.Intake;
import cn.jiesu.core.intake.Location;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * Renders GeoReport v2 JSON in the spec's exact shapes: keys in the spec's order, codes always as strings, absent
 * values as {@code null}, timestamps as ISO-8601 with offset; list responses are top-level arrays, the service
 * definition and discovery are objects (as in the spec's examples).
 */
final class Open311Renderer {
    private final ServiceCatalog catalog;
    private final ZoneId zone;

    Open311Renderer(ServiceCatalog catalog, ZoneId zone) {
        this.catalog = catalog;
        this.zone = zone;
    }

    HttpReply discovery(Open311Discovery d) {
        JsonArray endpoints = new JsonArray();
        for (Open311Discovery.Endpoint e : d.endpoints()) {
            endpoints.add(new JsonObject()
                    .put("specification", e.specification())
                    .put("url", e.url())
                    .put("changeset", e.changeset())
                    .put("type", e.type())
                    .put("formats", new JsonArray(e.formats())));
        }
        return HttpReply.json(
                200,
                new JsonObject()
                        .put("changeset", d.changeset())
                        .put("contact", d.contact())
                        .put("key_service", d.keyService())
                        .put("endpoints", endpoints)
                        .encode());
    }

    /**
     * The service list. {@code keywords} is a string in GeoReport v2 (clients split it on commas), so a service
     * without keywords leaves the key out rather than sending null (in XML: no {@code <keywords/>} element).
     */
    HttpReply services() {
        JsonArray out = new JsonArray();
        for (ServiceDefinition s : catalog.all()) {
            JsonObject o = new JsonObject()
                    .put("service_code", s.code())
                    .put("service_name", s.name())
                    .put("description", s.description())
                    .put("metadata", s.metadata())
                    .put("type", s.type());
            if (s.keywords() != null) {
                o.put("keywords", s.keywords());
            }
            out.add(o.put("group", s.group()));
        }
        return HttpReply.json(200, out.encode());
    }

    HttpReply definition(ServiceDefinition s) {
        JsonArray attributes = new JsonArray();
        for (ServiceAttribute a : s.attributes()) {
            JsonObject o = new JsonObject()
                    .put("variable", a.variable())
                    .put("code", a.code())
                    .put("datatype", a.datatype())
                    .put("required", a.required())
                    .put("datatype_description", a.datatypeDescription())
                    .put("order", a.order())
                    .put("description", a.description());
            if (a.isList()) {
                JsonArray values = new JsonArray();
                for (AttributeValue v : a.values()) {
                    values.add(new JsonObject().put("key", v.key()).put("name", v.name()));
                }
                o.put("values", values);
            }
            attributes.add(o);
        }
        return HttpReply.json(
                200,
                new JsonObject()
                        .put("service_code", s.code())
                        .put("attributes", attributes)
                        .encode());
    }

    HttpReply created(String serviceRequestId, String notice, String accountId) {
        return HttpReply.json(
                200,
                new JsonArray()
                        .add(new JsonObject()
                                .put("service_request_id", serviceRequestId)
                                .put("service_notice", notice)
                                .put("account_id", accountId))
                        .encode());
    }

    HttpReply requests(List<AppealRecord> records) {
        JsonArray out = new JsonArray();
        records.forEach(r -> out.add(request(r)));
        return HttpReply.json(200, out.encode());
    }

    /**
     * One request object. The appeal number is the service_request_id; the description is the content, which is
     * the citizen's text as posted (attributes are in the title, see {@link Open311Title}, which shows only as the
     * service name), with the phone numbers, 身份证 numbers and e-mail addresses typed into it masked
     * ({@link ContactMask}): every integrator, and with public reads anyone, reads it, and the spec's
     * request object never carries contact data. The address text is masked the same way. Confidential appeals (保密)
     * show no description, address, coordinates or media; coordinates are
     * shown only when they are WGS84, as the spec requires, since converting GCJ-02 back is approximate.
     * {@code address_id} is the posted one, kept beside the address text.
     */
    JsonObject request(AppealRecord record) {
        Intake in = record.intake();
        boolean hide = in.citizen().confidential();
        Location loc = hide ? null : in.location();
        boolean wgs = loc != null && loc.lat() != null && loc.crs() == Crs.WGS84;
        String code = Open311Title.service(catalog, in.title())
                .map(ServiceDefinition::code)
                .orElse(null);
        return new JsonObject()
                .put("service_request_id", in.appealNo() != null ? in.appealNo() : in.intakeId())
                .put("status", open(record.status()) ? "open" : "closed")
                .put("status_notes", notes(record.status()))
                .put("service_name", Open311Title.serviceName(catalog, in.title()))
                .put("service_code", code)
                .put("description", hide ? null : ContactMask.text(in.content()))
                .put("agency_responsible", null)
                .put("service_notice", null)
                .put("requested_datetime", time(in.receivedAt()))
                .put("updated_datetime", time(record.statusAt()))
                .put("expected_datetime", time(in.dueAt()))
                .put("address", loc == null ? null : ContactMask.text(loc.addressText()))
                .put("address_id", loc == null ? null : loc.addressId())
                .put("zipcode", null)
                .put("lat", wgs ? loc.lat() : null)
                .put("long", wgs ? loc.lon() : null)
                .put("media_url", hide ? null : mediaUrl(in.attachments()));
    }

    static boolean open(AppealStatus s) {
        return s == AppealStatus.RECEIVED || s == AppealStatus.IN_PROGRESS;
    }

    private static String notes(AppealStatus s) {
        return switch (s) {
            case RECEIVED -> "已受理";
            case IN_PROGRESS -> "办理中";
            case RESOLVED -> "已办结";
            case CLOSED -> "已关闭";
        };
    }

    private static String mediaUrl(List<Attachment> attachments) {
        return attachments.stream()
                .map(Attachment::reference)
                .filter(r -> r.startsWith("https://") || r.startsWith("http://"))
                .findFirst()
                .orElse(null);
    }

    String time(Instant t) {
        return t == null
                ? null
                : DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(
                        t.truncatedTo(ChronoUnit.SECONDS).atZone(zone).toOffsetDateTime());
    }
}

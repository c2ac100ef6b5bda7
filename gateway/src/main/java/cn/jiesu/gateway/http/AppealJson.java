package cn.jiesu.gateway.http;

import cn.jiesu.core.appeal.AppealRecord;
import cn.jiesu.core.intake.Attachment;
import cn.jiesu.core.intake.CallInfo;
import cn.jiesu.core.intake.Citizen;
import cn.jiesu.core.intake.Intake;
import cn.jiesu.core.intake.Location;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.List;

/** Renders stored appeals as the API's JSON: camelCase, absent values left out, instants in ISO-8601 UTC. */
public final class AppealJson {
    private AppealJson() {}

    public static JsonObject of(AppealRecord record) {
        JsonObject json = of(record.intake());
        json.put("status", record.status().name());
        put(json, "statusAt", record.statusAt());
        return json;
    }

    public static JsonObject of(Intake in) {
        JsonObject j = new JsonObject();
        j.put("intakeId", in.intakeId());
        put(j, "appealNo", in.appealNo());
        j.put("channel", in.channel().name());
        j.put("channelAccount", in.channelAccount());
        j.put("channelMessageId", in.channelMessageId());
        j.put("dedupeKey", in.dedupeKey());
        put(j, "receivedAt", in.receivedAt());
        put(j, "occurredAt", in.occurredAt());
        j.put("contentType", in.contentType().name());
        put(j, "title", in.title());
        put(j, "content", in.content());
        JsonArray attachments = new JsonArray();
        for (Attachment a : in.attachments()) {
            JsonObject aj = new JsonObject().put("kind", a.kind()).put("reference", a.reference());
            put(aj, "mime", a.mime());
            put(aj, "sha256", a.sha256());
            if (a.size() >= 0) {
                aj.put("size", a.size());
            }
            attachments.add(aj);
        }
        j.put("attachments", attachments);
        j.put("citizen", citizen(in.citizen()));
        if (in.location() != null) {
            j.put("location", location(in.location()));
        }
        j.put("requestType", in.requestType().name());
        j.put("requestTypeName", in.requestType().chinese());
        j.put("urgency", in.urgency().name());
        j.put("urgencyName", in.urgency().chinese());
        put(j, "dueAt", in.dueAt());
        j.put("callbackRequested", in.callbackRequested());
        put(j, "callbackNumber", in.callbackNumber());
        JsonObject route = new JsonObject().put("mode", in.replyRoute().mode().name());
        if (in.replyRoute().channel() != null) {
            route.put("channel", in.replyRoute().channel().name());
        }
        put(route, "target", in.replyRoute().target());
        j.put("replyRoute", route);
        j.put("signatureVerified", in.signatureVerified());
        put(j, "signatureScheme", in.signatureScheme());
        put(j, "rawRef", in.rawRef());
        put(j, "rawSha256", in.rawSha256());
        if (in.call() != null) {
            j.put("call", call(in.call()));
        }
        j.put("relatedIntakeIds", new JsonArray(in.relatedIntakeIds()));
        JsonObject triage = new JsonObject()
                .put("confidence", in.triage().confidence())
                .put("review", in.triage().review());
        put(triage, "reason", in.triage().reason());
        triage.put("topics", new JsonArray(List.copyOf(in.triage().topics())));
        j.put("triage", triage);
        if (in.place() != null) {
            JsonObject place = new JsonObject()
                    .put("district", in.place().district())
                    .put("confidence", in.place().confidence());
            put(place, "street", in.place().street());
            j.put("place", place);
        }
        return j;
    }

    private static JsonObject citizen(Citizen c) {
        JsonObject j = new JsonObject();
        put(j, "channelUserId", c.channelUserId());
        put(j, "name", c.name());
        put(j, "phone", c.phone());
        put(j, "callerNumber", c.callerNumber());
        put(j, "email", c.email());
        j.put("confidential", c.confidential());
        return j;
    }

    private static JsonObject location(Location l) {
        JsonObject j = new JsonObject();
        put(j, "addressText", l.addressText());
        put(j, "lat", l.lat());
        put(j, "lon", l.lon());
        if (l.crs() != null) {
            j.put("crs", l.crs().name());
        }
        put(j, "district", l.district());
        put(j, "street", l.street());
        put(j, "community", l.community());
        put(j, "addressId", l.addressId());
        return j;
    }

    private static JsonObject call(CallInfo c) {
        JsonObject j = new JsonObject();
        put(j, "linkedid", c.linkedid());
        put(j, "uniqueid", c.uniqueid());
        put(j, "dnis", c.dnis());
        put(j, "queue", c.queue());
        put(j, "agent", c.agent());
        put(j, "language", c.language());
        j.put("ivrPath", new JsonArray(c.ivrPath()));
        put(j, "recordingRef", c.recordingRef());
        put(j, "hangupCause", c.hangupCause());
        put(j, "durationS", c.durationS());
        if (c.disposition() != null) {
            j.put("disposition", c.disposition().name());
        }
        return j;
    }

    private static void put(JsonObject j, String key, Object value) {
        if (value instanceof Instant t) {
            j.put(key, t.toString());
        } else if (value != null) {
            j.put(key, value);
        }
    }
}

package cn.jiesu.gateway.phone;

import cn.jiesu.gateway.http.HealthCheck;
import cn.jiesu.ivr.ami.AmiConnector;
import cn.jiesu.ivr.ami.AmiHealth;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;

/** AMI's part of {@code /health}: connection state, when it last changed, and the last gap. */
public final class AmiHealthCheck implements HealthCheck {
    private final AmiConnector ami;

    public AmiHealthCheck(AmiConnector ami) {
        this.ami = ami;
    }

    @Override
    public String name() {
        return "ami";
    }

    @Override
    public Future<JsonObject> check() {
        AmiHealth h = ami.health();
        JsonObject json = new JsonObject()
                .put("up", h.up())
                .put("state", h.state().name())
                .put("gaps", h.gaps())
                .put("eventsReceived", h.eventsReceived())
                .put("eventsDropped", h.eventsDropped())
                .put("queueDepth", h.queueDepth());
        if (h.since() != null) {
            json.put("since", h.since().toString());
        }
        if (h.gapOpenSince() != null) {
            json.put("gapOpenSince", h.gapOpenSince().toString());
        }
        if (h.lastError() != null) {
            json.put("lastError", h.lastError());
        }
        return Future.succeededFuture(json);
    }
}

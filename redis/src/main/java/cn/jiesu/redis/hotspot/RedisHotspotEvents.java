package cn.jiesu.redis.hotspot;

import cn.jiesu.core.hotspot.Hotspot;
import cn.jiesu.core.hotspot.HotspotEvent;
import cn.jiesu.core.hotspot.HotspotEvent.HotspotClosed;
import cn.jiesu.core.hotspot.HotspotEvent.HotspotGrew;
import cn.jiesu.core.hotspot.HotspotEvent.HotspotOpened;
import cn.jiesu.core.hotspot.HotspotView;
import cn.jiesu.core.hotspot.OpenHotspot;
import cn.jiesu.redis.RedisClients;
import io.lettuce.core.XAddArgs;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletionStage;

/**
 * Appends hotspot events to the {@code hotspots} stream for the case system (one work order per hotspot), capped like
 * {@code appeal-events} ({@code XADD MAXLEN ~ redis.events-max-len}). Entries are {@code schema=hotspot-event.v1}
 * (docs/schemas/hotspot-event.v1.json). Thread-safe, non-blocking; failures are AppealStoreExceptions.
 */
public final class RedisHotspotEvents {
    public static final String SCHEMA = "hotspot-event.v1";

    private final RedisClients clients;
    private final HotspotKeys keys;
    private final long maxLen;

    public RedisHotspotEvents(RedisClients clients, HotspotKeys keys, long maxLen) {
        this.clients = clients;
        this.keys = keys;
        this.maxLen = maxLen;
    }

    /**
     * Appends one event, naming the hotspots of the other level in {@code open} it nests with
     * ({@link cn.jiesu.core.hotspot.HotspotNesting}).
     */
    public CompletionStage<String> append(HotspotEvent event, Collection<OpenHotspot> open) {
        return clients.failures()
                .settle(clients.shared()
                        .async()
                        .xadd(
                                keys.events(),
                                XAddArgs.Builder.maxlen(maxLen).approximateTrimming(),
                                fields(event, open)));
    }

    static Map<String, String> fields(HotspotEvent event, Collection<OpenHotspot> open) {
        Hotspot h = event.hotspot();
        Instant closedAt = event instanceof HotspotClosed c ? c.closedAt() : null;
        HotspotView v = HotspotView.of(h, closedAt, open);
        Map<String, String> f = new LinkedHashMap<>();
        f.put("schema", SCHEMA);
        f.put(
                "type",
                switch (event) {
                    case HotspotOpened o -> "opened";
                    case HotspotGrew g -> "grew";
                    case HotspotClosed c -> "closed";
                });
        f.put("id", v.id());
        f.put("topic", v.topic());
        f.put("level", v.level().name().toLowerCase(Locale.ROOT));
        f.put("district", v.district());
        if (v.street() != null) {
            f.put("street", v.street());
        }
        f.put("window", v.window().label());
        f.put("openedAt", v.openedAt().toString());
        if (closedAt != null) {
            f.put("closedAt", closedAt.toString());
        }
        if (event instanceof HotspotGrew g) {
            f.put("appealId", g.appealId());
        }
        f.put("first", v.first().toString());
        f.put("latest", v.latest().toString());
        f.put("count", Integer.toString(v.count()));
        f.put("appeals", String.join(",", v.appealIds()));
        f.put("growthPerHour", Double.toString(v.growthPerHour()));
        f.put("observed", Long.toString(v.observed()));
        f.put("expected", Double.toString(v.expected()));
        if (v.districtHotspot() != null) {
            f.put("districtHotspot", v.districtHotspot());
        }
        if (!v.streetHotspots().isEmpty()) {
            f.put("streetHotspots", String.join(",", v.streetHotspots()));
        }
        return f;
    }
}

package cn.jiesu.gateway.channels;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import cn.jiesu.core.hotspot.HotspotKey;
import cn.jiesu.core.hotspot.Resolution;
import cn.jiesu.redis.hotspot.HotspotKeys;
import cn.jiesu.redis.hotspot.RedisHotspotStore;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * One instance detects at a time: two gateways on one Redis, the first holds the detector's lease, the second stands
 * by; when the first stops, the second takes over, rebuilds the windows from the first's observation log (two
 * appeals the first counted and a third it counts itself open a hotspot that needs three) and the hourly counts
 * reach the count pages exactly once. Real Redis.
 */
class HotspotFailoverIT {
    private static final String PREFIX =
            "it-hsf-" + UUID.randomUUID().toString().substring(0, 8) + ":";
    private static final String ZHONGGUANCUN = "海淀区中关村街道中关村东路";
    private static final HotspotKey STREET = new HotspotKey("water", HotspotKey.Level.STREET, "海淀区/中关村街道");

    private static Map<String, String> env(String instance) {
        return HotspotsIT.env(PREFIX, instance);
    }

    private static double detecting(ChannelGateway g) {
        return g.gauge("hotspots.detecting");
    }

    @Test
    @DisplayName("the standby takes over when the detecting instance stops and carries its windows on")
    void standbyTakesOver() {
        List<String> burst = new ArrayList<>();
        ChannelGateway b;
        try (ChannelGateway a = ChannelGateway.start(env("gw-a"))) {
            HotspotsIT.history(a.redis, PREFIX);
            b = ChannelGateway.start(env("gw-b"));
            assertThat(detecting(a)).as("the first started holds the lease").isEqualTo(1.0);
            assertThat(detecting(b)).as("the second stands by").isEqualTo(0.0);
            for (int i = 0; i < 2; i++) {
                burst.add(HotspotsIT.appeal(b, "家里停水了，一直没有水", ZHONGGUANCUN + (i + 1) + "号"));
            }
            HotspotKeys keys = new HotspotKeys(PREFIX);
            await().atMost(Duration.ofSeconds(20))
                    .until(() -> burst.stream()
                            .allMatch(id -> a.redis.shared().sync().zscore(keys.seen(), id) != null));
            assertThat(HotspotsIT.hotspots(a, ""))
                    .as("two appeals: below min-street")
                    .isEmpty();
        } // a stops: it applies what it logged and gives the lease up
        try {
            await().atMost(Duration.ofSeconds(10)).until(() -> detecting(b) == 1.0);
            burst.add(HotspotsIT.appeal(b, "水管爆了，停水", ZHONGGUANCUN + "3号"));
            String street = URLEncoder.encode("中关村街道", StandardCharsets.UTF_8);
            await().atMost(Duration.ofSeconds(20))
                    .untilAsserted(() -> assertThat(HotspotsIT.hotspots(b, "?state=open&topic=water&street=" + street))
                            .hasSize(1));
            JsonArray open = HotspotsIT.hotspots(b, "?state=open&topic=water&street=" + street);
            JsonObject h = open.getJsonObject(0);
            assertThat(h.getJsonArray("appeals").getList())
                    .as("opened on the rebuilt windows: the first instance's two and the new one")
                    .containsExactlyElementsOf(burst);

            RedisHotspotStore pages = new RedisHotspotStore(b.redis, new HotspotKeys(PREFIX), Clock.systemUTC());
            long hour = Resolution.HOUR.slot(Instant.now());
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
                long total = 0;
                for (long c : pages.counts(STREET, Resolution.HOUR, hour - 1, 2)) {
                    total += c;
                }
                assertThat(total).as("each appeal in the count pages once").isEqualTo(3);
            });
        } finally {
            b.close();
        }
    }
}

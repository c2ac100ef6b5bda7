package cn.jiesu.gateway.phone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;

/** Waiting for the appeals of many calls at once. */
final class Appeals {
    private Appeals() {}

    /**
     * Waits until every caller has an appeal, then checks each has exactly one; returns them by caller. Asks again
     * only for callers still missing, so a hundred calls cost a hundred lookups, not a hundred per poll.
     */
    static Map<String, JsonObject> awaitOnePerCaller(PhoneLab lab, Collection<String> callers, Duration atMost) {
        Map<String, JsonObject> found = new LinkedHashMap<>();
        await().atMost(atMost).pollInterval(Duration.ofSeconds(1)).until(() -> {
            for (String caller : callers) {
                if (!found.containsKey(caller) && !lab.appealsOf(caller).isEmpty()) {
                    found.put(caller, lab.appealsOf(caller).getJsonObject(0));
                }
            }
            return found.size() == callers.size();
        });
        for (String caller : callers) {
            assertThat(lab.appealsOf(caller)).as("appeals of %s", caller).hasSize(1);
        }
        return found;
    }
}

package cn.jiesu.gateway.config;

import cn.jiesu.core.config.ConfigNode;
import cn.jiesu.redis.intake.SearchWindow;

/**
 * The gateway's own consumer of the intake stream (bookkeeping, merge, callbacks), and how much the text search
 * keeps ({@code intake.search-window} newest appeals, {@code intake.search-text-chars} of each).
 *
 * @param consumer this instance's consumer name, or null: the instance's id ({@code callbacks.instance-id}), so
 *     several instances never read as one consumer by default
 */
public record IntakeConfig(String group, String consumer, SearchWindow searchWindow) {
    public static IntakeConfig from(ConfigNode t) {
        SearchWindow window = new SearchWindow(
                t.integer("intake.search-window", 1, 10_000_000), t.integer("intake.search-text-chars", 20, 4_200));
        return new IntakeConfig(t.string("intake.group"), t.optionalString("intake.consumer"), window);
    }

    /** The consumer name, {@code instanceId} when none is configured. */
    public String consumerOr(String instanceId) {
        return consumer == null ? instanceId : consumer;
    }
}

package cn.jiesu.redis.intake;

import cn.jiesu.core.config.ConfigException;

/**
 * How much the text search keeps: the {@code entries} newest appeals (by receipt time) with the first
 * {@code textChars} characters of their folded title and content. Memory is bounded by about
 * {@code entries × (3 × textChars + 100)} bytes (UTF-8 Chinese is 3 bytes a character; the 100 are the id in the
 * zset and the hash), 80 MB at most with the defaults, a quarter of that for appeals of ~150 characters.
 */
public record SearchWindow(int entries, int textChars) {
    public static final SearchWindow DEFAULT = new SearchWindow(50_000, 500);

    public SearchWindow {
        if (entries < 1 || entries > 10_000_000) {
            throw new ConfigException("intake.search-window", "1 to 10,000,000 appeals, was " + entries);
        }
        if (textChars < 20 || textChars > 4_200) {
            throw new ConfigException("intake.search-text-chars", "20 to 4,200 characters, was " + textChars);
        }
    }
}

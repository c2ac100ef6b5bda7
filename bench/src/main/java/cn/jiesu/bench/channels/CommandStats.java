package cn.jiesu.bench.channels;

import io.lettuce.core.api.sync.RedisCommands;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A snapshot of Redis's {@code INFO commandstats} (microseconds spent per command, nested script calls included in
 * the script's own time and counted again under their names), so that a run can say where Redis's time per appeal
 * went.
 */
record CommandStats(Map<String, Long> usec, Map<String, Long> calls) {
    static CommandStats of(RedisCommands<String, String> redis) {
        Map<String, Long> usec = new HashMap<>();
        Map<String, Long> calls = new HashMap<>();
        for (String line : redis.info("commandstats").split("\\r?\\n")) {
            if (!line.startsWith("cmdstat_")) {
                continue;
            }
            String name = line.substring("cmdstat_".length(), line.indexOf(':'));
            for (String kv : line.substring(line.indexOf(':') + 1).split(",")) {
                String[] p = kv.split("=");
                if (p[0].equals("usec")) {
                    usec.put(name, Long.parseLong(p[1]));
                } else if (p[0].equals("calls")) {
                    calls.put(name, Long.parseLong(p[1]));
                }
            }
        }
        return new CommandStats(usec, calls);
    }

    /**
     * The commands that took most time since {@code start}, as {@code name:µs-per-appeal/calls-per-appeal}, for the
     * {@code top} largest; the bench's own commands (INFO, XINFO, FLUSHALL, ...) are left out.
     */
    String perAppeal(CommandStats start, long appeals, int top) {
        double n = Math.max(1, appeals);
        return usec.entrySet().stream()
                .filter(e -> !e.getKey().matches("info|xinfo.*|flushall|xlen|xrevrange|exists|ping|hello|client.*"))
                .map(e -> Map.entry(e.getKey(), e.getValue() - start.usec.getOrDefault(e.getKey(), 0L)))
                .filter(e -> e.getValue() > 0)
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                .limit(top)
                .map(e -> String.format(
                        "%s:%.1f/%.2f",
                        e.getKey(),
                        e.getValue() / n,
                        (calls.getOrDefault(e.getKey(), 0L) - start.calls.getOrDefault(e.getKey(), 0L)) / n))
                .collect(Collectors.joining(","));
    }
}

package cn.jiesu.bench.channels;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One wrk run and what it printed: requests/s, latency percentiles and non-2xx answers. The Lua scripts are
 * written next to the request files: {@code signed.lua} gives each wrk thread its share of the pre-signed lines
 * and cycles through them; {@code bare.lua} posts one fixed body.
 */
record WrkRun(
        String label, double requestsPerSecond, double p50Ms, double p99Ms, long requests, long non2xx, long errors) {
    static final String SIGNED_LUA = """
            -- Each wrk thread takes every n-th pre-signed request (nonce, timestamp, signature, body) and cycles.
            local threads = {}
            local counter = 0
            function setup(thread)
              thread:set("id", counter)
              counter = counter + 1
              table.insert(threads, thread)
            end
            local requests = {}
            local idx = 0
            function init(args)
              local file, nthreads, key = args[1], tonumber(args[2]), args[3]
              local n = 0
              for line in io.lines(file) do
                if n % nthreads == id then
                  local nonce, ts, sig, body = line:match("^([^\\t]*)\\t([^\\t]*)\\t([^\\t]*)\\t(.*)$")
                  requests[#requests + 1] = wrk.format("POST", "/api/v1/appeals", {
                    ["Content-Type"] = "application/json", ["X-Api-Key"] = key, ["X-Intake-Timestamp"] = ts,
                    ["X-Intake-Nonce"] = nonce, ["X-Intake-Signature"] = sig }, body)
                end
                n = n + 1
              end
            end
            function request()
              idx = idx % #requests + 1
              return requests[idx]
            end
            """;
    static final String BARE_LUA = """
            local req
            function init(args)
              local f = io.open(args[1], "r")
              local body = f:read("*a")
              f:close()
              req = wrk.format("POST", "/bare", { ["Content-Type"] = "application/json" }, body)
            end
            function request()
              return req
            end
            """;

    static WrkRun run(
            String label, String url, Path script, List<String> scriptArgs, int threads, int connections, int seconds)
            throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(
                "wrk",
                "-t" + threads,
                "-c" + connections,
                "-d" + seconds + "s",
                "--latency",
                "--timeout",
                "10s",
                "-s",
                script.toString(),
                url,
                "--"));
        cmd.addAll(scriptArgs);
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.waitFor() != 0) {
            throw new IOException("wrk failed: " + out);
        }
        Files.writeString(script.resolveSibling(label.replace(' ', '-') + ".wrk.txt"), out);
        return new WrkRun(
                label,
                number(out, "Requests/sec:\\s+([0-9.]+)"),
                latency(out, "50%"),
                latency(out, "99%"),
                (long) number(out, "([0-9]+) requests in"),
                (long) numberOr(out, "Non-2xx or 3xx responses: ([0-9]+)"),
                socketErrors(out));
    }

    private static double latency(String out, String percentile) {
        Matcher m =
                Pattern.compile("\\s" + percentile + "\\s+([0-9.]+)(us|ms|s)").matcher(out);
        if (!m.find()) {
            return Double.NaN;
        }
        double v = Double.parseDouble(m.group(1));
        return switch (m.group(2)) {
            case "us" -> v / 1000;
            case "s" -> v * 1000;
            default -> v;
        };
    }

    private static long socketErrors(String out) {
        Matcher m = Pattern.compile("Socket errors: connect ([0-9]+), read ([0-9]+), write ([0-9]+), timeout ([0-9]+)")
                .matcher(out);
        if (!m.find()) {
            return 0;
        }
        long sum = 0;
        for (int i = 1; i <= 4; i++) {
            sum += Long.parseLong(m.group(i));
        }
        return sum;
    }

    private static double number(String out, String regex) {
        Matcher m = Pattern.compile(regex).matcher(out);
        if (!m.find()) {
            throw new IllegalStateException("unexpected wrk output: " + out);
        }
        return Double.parseDouble(m.group(1));
    }

    private static double numberOr(String out, String regex) {
        Matcher m = Pattern.compile(regex).matcher(out);
        return m.find() ? Double.parseDouble(m.group(1)) : 0;
    }
}

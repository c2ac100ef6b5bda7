package cn.jiesu.gateway.cli;

import cn.jiesu.channels.classify.ReloadableClassifier;
import cn.jiesu.core.classify.TextNormalizer;
import cn.jiesu.core.config.ConfigException;
import cn.jiesu.core.hotspot.Resolution;
import cn.jiesu.gateway.GatewayConfig;
import cn.jiesu.gateway.config.ConfigLoader;
import cn.jiesu.gateway.history.CsvLines;
import cn.jiesu.gateway.history.HistoryImport;
import cn.jiesu.gateway.history.HistoryLines;
import cn.jiesu.gateway.history.ImportSummary;
import cn.jiesu.gateway.history.LineReader;
import cn.jiesu.redis.RedisClients;
import cn.jiesu.redis.history.ImportedAppeals;
import cn.jiesu.redis.hotspot.HotspotKeys;
import cn.jiesu.redis.hotspot.WriteBehindHotspotStore;
import cn.jiesu.redis.problems.ProblemKeys;
import cn.jiesu.redis.problems.RedisProblemStore;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Map;

/**
 * {@code jiesu import-history [--config FILE] [--batch N] [--progress SECONDS] [--format jsonl|csv] [--encoding
 * CHARSET] FILE}: counts the old case system's appeals (JSON Lines or CSV, {@code -} = standard input;
 * docs/import-history.md) into the hotspot baseline and recurring problems, so a fresh deployment detects from day
 * one. Reads the config and the JIESU_* environment as start-up does (same Redis, same key prefix, same rules and
 * gazetteer). Safe to re-run: each case number counts once.
 *
 * <p>Exit status: 0 every line counted or already imported; 1 some lines refused (the rest counted); 2 usage or
 * configuration error or an unreadable file (nothing read); 3 stopped on a Redis or read failure (what was counted
 * stays; re-run to finish); 130 interrupted (Ctrl-C: what was counted so far is printed; re-run to finish).
 */
public final class ImportHistory {
    static final String USAGE = """
            Usage: jiesu import-history [--config FILE] [--batch N] [--progress SECONDS]
                                        [--format jsonl|csv] [--encoding CHARSET] FILE
              Counts the old case system's appeals (JSON Lines, one appeal a line, or CSV with a header row: the
              format by FILE's ending, .csv or not; FILE - reads standard input; docs/import-history.md) into the
              hotspot baseline and recurring problems. --encoding (CSV only): UTF-8 (default), GB18030 for GBK
              exports. Nothing is appended to the intake stream. Re-running counts nothing twice. Exit 0 ok, 1 lines
              refused, 2 usage/config/unreadable file, 3 failed, 130 interrupted (run the same file again to
              finish).""";

    static final int MAX_BATCH = 100_000;
    static final int MAX_PROGRESS = 86_400;

    private ImportHistory() {}

    public static int run(
            String[] args, Map<String, String> env, InputStream stdin, PrintStream out, PrintStream rawErr) {
        // Messages quote the file (a header, a value): its control characters are shown, not obeyed by the terminal.
        PrintStream err = TerminalSafe.wrap(rawErr);
        Path config = null;
        String file = null;
        int batch = 1000;
        int progress = 10;
        String format = null;
        String encoding = null;
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            boolean hasValue = i + 1 < args.length;
            if (a.equals("--help") || a.equals("-h")) {
                out.println(USAGE);
                return 0;
            } else if (a.equals("--config") && hasValue) {
                config = Path.of(args[++i]);
            } else if (a.equals("--batch") || a.equals("--progress")) {
                int max = a.equals("--batch") ? MAX_BATCH : MAX_PROGRESS;
                String v = hasValue ? args[++i] : "";
                if (!v.matches("[0-9]{1,9}") || Integer.parseInt(v) < 1 || Integer.parseInt(v) > max) {
                    err.println(
                            "jiesu: import-history: " + a + ": a whole number from 1 to " + max + ", was '" + v + "'");
                    return 2;
                }
                if (a.equals("--batch")) {
                    batch = Integer.parseInt(v);
                } else {
                    progress = Integer.parseInt(v);
                }
            } else if (a.equals("--format") || a.equals("--encoding")) {
                String v = hasValue ? args[++i] : "";
                if (a.equals("--format")) {
                    if (!v.equals("jsonl") && !v.equals("csv")) {
                        err.println("jiesu: import-history: --format: jsonl or csv, was '" + v + "'");
                        return 2;
                    }
                    format = v;
                } else {
                    encoding = v;
                }
            } else if (file == null && (a.equals("-") || !a.startsWith("-"))) {
                file = a;
            } else {
                err.println("jiesu: import-history: unexpected argument " + a);
                err.println(USAGE);
                return 2;
            }
        }
        if (file != null && file.isEmpty()) {
            err.println("jiesu: import-history: FILE is empty: give a path (- for standard input)");
            return 2;
        }
        if (file == null) {
            err.println("jiesu: import-history: FILE is required (- for standard input)");
            err.println(USAGE);
            return 2;
        }
        boolean csv = format != null
                ? format.equals("csv")
                : file.toLowerCase(java.util.Locale.ROOT).endsWith(".csv");
        Charset charset = StandardCharsets.UTF_8;
        if (encoding != null) {
            try {
                charset = Charset.forName(encoding);
            } catch (IllegalArgumentException e) {
                err.println("jiesu: import-history: --encoding: unknown character set '" + encoding + "'");
                return 2;
            }
            if (!csv && !charset.equals(StandardCharsets.UTF_8)) {
                err.println(
                        "jiesu: import-history: --encoding: JSON Lines are UTF-8; give --format csv for a CSV file");
                return 2;
            }
        }
        GatewayConfig c;
        try {
            c = GatewayConfig.from(
                    ConfigLoader.load(config != null ? config : ConfigLoader.operatorFile(new String[0], env), env));
        } catch (ConfigException e) {
            err.println("jiesu: configuration error: " + e.getMessage());
            return 2;
        }
        InputStream in;
        HistoryLines lines;
        try {
            in = open(file, stdin);
        } catch (IOException e) {
            // Permission, a directory, a missing file: re-running will not help, so a usage error (2).
            err.println("jiesu: import-history: cannot read " + file + ": " + reason(e) + "; nothing was read");
            return 2;
        }
        try {
            lines = csv ? new CsvLines(in, charset) : new LineReader(in);
        } catch (IllegalArgumentException | IOException e) {
            // The header row: the file is not an export of appeals, or not as the docs say.
            err.println("jiesu: import-history: " + file + ": " + e.getMessage() + "; nothing was read");
            close(in);
            return 2;
        }
        ImportSummary s = new ImportSummary();
        String hourly = days(Resolution.HOUR.retention());
        String months = c.problems().retentionMonths() + " months";
        Thread onInterrupt = new Thread(() -> interrupted(s, out, err, hourly, months), "import-history-interrupted");
        Runtime.getRuntime().addShutdownHook(onInterrupt);
        try (in;
                RedisClients redis = connect(c)) {
            ReloadableClassifier classifier;
            try {
                // After the file's header and Redis: training the model takes seconds, so a wrong header or a Redis
                // that is down or refuses the password is told at once.
                classifier = ReloadableClassifier.load(c.channels().classificationFile(), TextNormalizer.standard());
            } catch (IllegalArgumentException | IllegalStateException e) {
                err.println("jiesu: configuration error: classification.file: " + e.getMessage());
                return 2;
            }
            String prefix = c.redis().keyPrefix();
            ZoneId zone = c.callbacks().config().window().zone();
            Clock clock = Clock.systemUTC();
            HistoryImport job = new HistoryImport(
                    classifier,
                    classifier.keywords().rules().topics(),
                    c.gazetteer().resolver().orElse(null),
                    // Write-behind, as the live detector: a batch's increments summed per slot, one script a flush.
                    new WriteBehindHotspotStore(
                            redis, new HotspotKeys(prefix), clock, c.hotspots().refreshInterval()),
                    c.hotspots().policy(),
                    new RedisProblemStore(
                            redis,
                            new ProblemKeys(prefix),
                            zone,
                            c.problems().retentionMonths(),
                            c.problems().appealsPerMonth(),
                            clock),
                    new ImportedAppeals(redis, prefix),
                    zone,
                    c.problems().retentionMonths(),
                    clock,
                    batch,
                    Duration.ofSeconds(progress));
            if (c.gazetteer().resolver().isEmpty()) {
                err.println("jiesu: import-history: gazetteer.file is empty: every line is counted city-wide only");
            }
            job.run(lines, s, err);
            s.printOnce(out, hourly, months);
            return s.refused() > 0 ? 1 : 0;
        } catch (CsvLines.Syntax e) {
            // The rows before it are counted; the same file would stop at the same row: it wants mending first.
            s.printOnce(out, hourly, months);
            err.println("jiesu: import-history: stopped: " + file + ": " + e.getMessage() + "; " + s.counted() + " of "
                    + s.read() + " rows before it were counted and stay counted; mend that row and run the file again");
            return 3;
        } catch (IOException e) {
            s.printOnce(out, hourly, months); // what was counted stays counted: say how much
            err.println("jiesu: import-history: stopped: cannot read " + file + ": " + reason(e) + read(s));
            return 3;
        } catch (HistoryImport.Failed e) {
            s.printOnce(out, hourly, months); // what was counted stays counted: say how much
            err.println("jiesu: import-history: stopped: " + redisProblem(e) + read(s));
            return 3;
        } catch (RuntimeException e) {
            // Redis unreachable or refusing at connect, mostly: one line, no class name, no stack trace.
            s.printOnce(out, hourly, months); // what was counted stays counted: say how much
            err.println("jiesu: import-history: stopped: " + redisProblem(e) + read(s));
            return 3;
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(onInterrupt);
            } catch (IllegalStateException shuttingDown) {
                // Interrupted while finishing: the hook prints.
            }
        }
    }

    /**
     * What an interrupted run (Ctrl-C: the JVM runs the shutdown hooks, then exits 130) prints: what was counted so
     * far, unless the run printed it (Ctrl-C also ends the producer of {@code -}, so the run may have seen the end of
     * its input and printed; this waits for that to be whole), and that a re-run finishes: the markers make it safe.
     */
    static void interrupted(ImportSummary s, PrintStream out, PrintStream err, String hourly, String months) {
        s.printOnce(out, hourly, months);
        out.flush();
        err.println("jiesu: import-history: interrupted: run the same file again to finish");
        err.flush();
    }

    private static RedisClients connect(GatewayConfig c) {
        return RedisClients.connect(c.redis(), new SimpleMeterRegistry());
    }

    private static String read(ImportSummary s) {
        return s.read() == 0
                ? "; nothing was read"
                : "; " + s.counted() + " of " + s.read() + " lines read were counted and stay counted, "
                        + "run the same file again to finish";
    }

    /**
     * Why Redis failed, in words: the password refused (WRONGPASS, NOAUTH, or AUTH without a password configured),
     * or the deepest message of the chain; never a class name.
     */
    static String redisProblem(Throwable e) {
        String deepest = null;
        for (Throwable t = e; t != null; t = t.getCause()) {
            String m = t.getMessage();
            if (m == null) {
                continue;
            }
            if (m.contains("WRONGPASS") || m.contains("NOAUTH") || m.contains("ERR AUTH")) {
                return "redis: authentication refused (check the user and password of redis.uri)";
            }
            deepest = m;
        }
        if (e instanceof HistoryImport.Failed) {
            return "redis: " + e.getMessage();
        }
        return "redis: cannot connect"
                + (deepest == null || deepest.equals("redis: cannot connect")
                        ? ""
                        : ": " + deepest.replaceFirst("^redis: ", ""));
    }

    private static String reason(IOException e) {
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof NoSuchFileException) {
            return "no such file";
        }
        return e.getMessage() == null ? "read failed" : e.getMessage();
    }

    private static void close(InputStream in) {
        try {
            in.close();
        } catch (IOException ignored) {
            // Nothing was read from it: nothing to report.
        }
    }

    private static InputStream open(String file, InputStream stdin) throws IOException {
        if (file.equals("-")) {
            return stdin;
        }
        Path p = Path.of(file);
        if (Files.isDirectory(p)) {
            throw new IOException("is a directory");
        }
        return Files.newInputStream(p);
    }

    private static String days(Duration d) {
        return d.toDays() + " days";
    }
}

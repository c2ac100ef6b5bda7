package cn.jiesu.gateway.cli;

import cn.jiesu.channels.classify.ReloadableClassifier;
import cn.jiesu.core.classify.TextNormalizer;
import cn.jiesu.core.config.ConfigException;
import cn.jiesu.core.hotspot.Resolution;
import cn.jiesu.gateway.GatewayConfig;
import cn.jiesu.gateway.config.ConfigLoader;
import cn.jiesu.gateway.history.HistoryImport;
import cn.jiesu.gateway.history.ImportSummary;
import cn.jiesu.redis.RedisClients;
import cn.jiesu.redis.history.ImportedAppeals;
import cn.jiesu.redis.hotspot.HotspotKeys;
import cn.jiesu.redis.hotspot.RedisHotspotStore;
import cn.jiesu.redis.problems.ProblemKeys;
import cn.jiesu.redis.problems.RedisProblemStore;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Map;

/**
 * {@code jiesu import-history [--config FILE] [--batch N] [--progress SECONDS] FILE}: counts the old case system's
 * appeals (JSON Lines, {@code -} = standard input; docs/import-history.md) into the hotspot baseline and recurring
 * problems, so a fresh deployment detects from day one. Reads the config and the JIESU_* environment as start-up does
 * (same Redis, same key prefix, same rules and gazetteer). Safe to re-run: each case number counts once.
 *
 * <p>Exit status: 0 every line counted or already imported; 1 some lines refused (the rest counted); 2 usage or
 * configuration error; 3 stopped on a Redis or read failure (what was counted stays; re-run to finish).
 */
public final class ImportHistory {
    static final String USAGE = """
            Usage: jiesu import-history [--config FILE] [--batch N] [--progress SECONDS] FILE
              Counts the old case system's appeals (JSON Lines, one appeal a line; FILE - reads standard input;
              docs/import-history.md) into the hotspot baseline and recurring problems. Nothing is appended to the
              intake stream. Re-running counts nothing twice. Exit 0 ok, 1 lines refused, 2 usage/config, 3 failed.""";

    private ImportHistory() {}

    public static int run(String[] args, Map<String, String> env, InputStream stdin, PrintStream out, PrintStream err) {
        Path config = null;
        String file = null;
        int batch = 1000;
        int progress = 10;
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            boolean hasValue = i + 1 < args.length;
            if (a.equals("--help") || a.equals("-h")) {
                out.println(USAGE);
                return 0;
            } else if (a.equals("--config") && hasValue) {
                config = Path.of(args[++i]);
            } else if (a.equals("--batch") && hasValue && args[i + 1].matches("[0-9]{1,6}")) {
                batch = Math.max(1, Integer.parseInt(args[++i]));
            } else if (a.equals("--progress") && hasValue && args[i + 1].matches("[0-9]{1,6}")) {
                progress = Math.max(1, Integer.parseInt(args[++i]));
            } else if (file == null && (a.equals("-") || !a.startsWith("-"))) {
                file = a;
            } else {
                err.println("jiesu: import-history: unexpected argument " + a);
                err.println(USAGE);
                return 2;
            }
        }
        if (file == null) {
            err.println("jiesu: import-history: FILE is required (- for standard input)");
            err.println(USAGE);
            return 2;
        }
        GatewayConfig c;
        ReloadableClassifier classifier;
        try {
            c = GatewayConfig.from(
                    ConfigLoader.load(config != null ? config : ConfigLoader.operatorFile(new String[0], env), env));
            classifier = ReloadableClassifier.load(c.channels().classificationFile(), TextNormalizer.standard());
        } catch (ConfigException e) {
            err.println("jiesu: configuration error: " + e.getMessage());
            return 2;
        } catch (IllegalArgumentException | IllegalStateException e) {
            err.println("jiesu: configuration error: classification.file: " + e.getMessage());
            return 2;
        }
        try (BufferedReader in = reader(file, stdin);
                RedisClients redis = RedisClients.connect(c.redis(), new SimpleMeterRegistry())) {
            String prefix = c.redis().keyPrefix();
            ZoneId zone = c.callbacks().config().window().zone();
            Clock clock = Clock.systemUTC();
            HistoryImport job = new HistoryImport(
                    classifier,
                    classifier.keywords().rules().topics(),
                    c.gazetteer().resolver().orElse(null),
                    new RedisHotspotStore(redis, new HotspotKeys(prefix), clock),
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
            ImportSummary s = job.run(in, err);
            s.print(out, days(Resolution.HOUR.retention()), c.problems().retentionMonths() + " months");
            return s.refused() > 0 ? 1 : 0;
        } catch (NoSuchFileException e) {
            err.println("jiesu: import-history: no such file " + file);
            return 2;
        } catch (CharacterCodingException e) {
            err.println(
                    "jiesu: import-history: " + file + " is not UTF-8; convert it first (iconv -f GB18030 -t UTF-8)");
            return 3;
        } catch (IOException e) {
            err.println("jiesu: import-history: cannot read " + file + ": " + e.getMessage());
            return 3;
        } catch (HistoryImport.Failed e) {
            err.println("jiesu: import-history: stopped: " + e.getMessage()
                    + "; what was counted stays, re-run the same file to finish");
            return 3;
        } catch (RuntimeException e) {
            // Redis unreachable at connect, mostly: one line, no stack trace.
            err.println("jiesu: import-history: stopped: " + e);
            return 3;
        }
    }

    private static BufferedReader reader(String file, InputStream stdin) throws IOException {
        InputStream in = file.equals("-") ? stdin : Files.newInputStream(Path.of(file));
        // Malformed bytes stop the import with a message, rather than counting mojibake under no topic.
        return new BufferedReader(
                new InputStreamReader(
                        in,
                        StandardCharsets.UTF_8
                                .newDecoder()
                                .onMalformedInput(CodingErrorAction.REPORT)
                                .onUnmappableCharacter(CodingErrorAction.REPORT)),
                1 << 16);
    }

    private static String days(Duration d) {
        return d.toDays() + " days";
    }
}

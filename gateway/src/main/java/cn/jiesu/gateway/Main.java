package cn.jiesu.gateway;

import cn.jiesu.core.config.ConfigException;
import cn.jiesu.gateway.cli.CheckConfig;
import cn.jiesu.gateway.cli.HashPassword;
import cn.jiesu.gateway.cli.ImportHistory;
import cn.jiesu.gateway.config.ConfigLoader;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The gateway jar's entry point ({@code jiesu} in the images): starts the gateway (loads and validates config,
 * starts {@link Gateway}, stops it cleanly on SIGTERM), or runs an operator's command given as the first argument:
 * {@code hash-password}, {@code import-history FILE}, {@code --check-config FILE}, {@code --help}.
 */
public final class Main {
    static final String USAGE = """
            Usage: jiesu [--config FILE]        start the gateway (FILE overlays config/jiesu.yaml; or JIESU_CONFIG)
                   jiesu --check-config FILE    check FILE and the JIESU_* environment as start-up would; prints
                                                ok (exit 0) or every problem naming its key (exit 2); starts nothing
                   jiesu hash-password [--iterations N]
                                                print the password-hash of an agent account; the password is
                                                typed when asked or read from standard input, never an argument
                   jiesu import-history [--config FILE] [--format jsonl|csv] [--encoding CHARSET] FILE
                                                count the old case system's appeals (JSON Lines or CSV, - = stdin)
                                                into the hotspot baseline and recurring problems, once per case
                                                number; exit 0 ok, 1 lines refused, 2 usage/config, 3 failed (re-run)
                   jiesu --help                 this text
            Any key of config/jiesu.yaml is overridden by JIESU_ + the key upper-cased, dots and dashes as
            underscores (http.port -> JIESU_HTTP_PORT); an unknown JIESU_* variable stops start-up.""";

    private Main() {}

    public static void main(String[] args) throws Exception {
        Map<String, String> env = System.getenv();
        if (!startsGateway(args)) {
            // A command's standard output is its result (import-history's summary): its log lines go to standard
            // error. Set before the first logger exists, which reads logback.xml.
            System.setProperty("jiesu.log.target", "System.err");
        }
        int status = command(args, env, System.out, System.err);
        if (status >= 0) {
            System.out.flush();
            System.exit(status);
            return;
        }
        start(args, env);
    }

    /**
     * Runs the operator's command {@code args} names and returns its exit status, or -1 when {@code args} start the
     * gateway ({@code --config FILE} or nothing).
     */
    static int command(String[] args, Map<String, String> env, PrintStream out, PrintStream err) throws Exception {
        if (startsGateway(args)) {
            return -1;
        }
        String[] rest = Arrays.copyOfRange(args, 1, args.length);
        return switch (args[0]) {
            case "hash-password" -> HashPassword.run(rest, System.console(), System.in, out, err);
            case "import-history" -> ImportHistory.run(rest, env, System.in, out, err);
            case "--check-config" -> {
                if (rest.length != 1) {
                    err.println("jiesu: --check-config takes one FILE");
                    err.println(USAGE);
                    yield 2;
                }
                yield CheckConfig.run(Path.of(rest[0]), env, out);
            }
            case "--help", "-h", "help" -> {
                out.println(USAGE);
                yield 0;
            }
            default -> {
                err.println("jiesu: unknown command or argument " + args[0]);
                err.println(USAGE);
                yield 2;
            }
        };
    }

    private static boolean startsGateway(String[] args) {
        return args.length == 0 || (args.length == 2 && args[0].equals("--config"));
    }

    private static void start(String[] args, Map<String, String> env) throws InterruptedException {
        Logger log = LoggerFactory.getLogger(Main.class);
        GatewayConfig config;
        try {
            config = GatewayConfig.from(ConfigLoader.load(ConfigLoader.operatorFile(args, env), env));
        } catch (ConfigException e) {
            // One line that names the key: the operator fixes it without reading a stack trace.
            System.err.println("jiesu: configuration error: " + e.getMessage());
            System.exit(2);
            return;
        }
        Gateway gateway;
        try {
            gateway = Gateway.start(config, Clock.systemUTC())
                    .toCompletionStage()
                    .toCompletableFuture()
                    .join();
        } catch (RuntimeException e) {
            log.error("start-up failed: {}", rootMessage(e));
            System.exit(1);
            return;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime()
                .addShutdownHook(new Thread(
                        () -> {
                            log.info("stopping: no new requests, draining in-flight work");
                            gateway.stop().join();
                            stopped.countDown();
                        },
                        "jiesu-shutdown"));
        log.info("Jiesu gateway up on http://{}:{}", config.http().host(), gateway.httpPort());
        stopped.await();
    }

    private static String rootMessage(Throwable t) {
        Throwable c = t;
        while (c.getCause() != null) {
            c = c.getCause();
        }
        return c.getClass().getSimpleName() + ": " + c.getMessage();
    }
}

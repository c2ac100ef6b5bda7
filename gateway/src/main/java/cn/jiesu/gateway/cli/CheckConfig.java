package cn.jiesu.gateway.cli;

import cn.jiesu.channels.catalog.ServiceCatalogYaml;
import cn.jiesu.channels.classify.ReloadableClassifier;
import cn.jiesu.core.classify.TextNormalizer;
import cn.jiesu.core.config.ConfigException;
import cn.jiesu.core.config.ConfigNode;
import cn.jiesu.gateway.GatewayConfig;
import cn.jiesu.gateway.config.ChannelsConfig;
import cn.jiesu.gateway.config.ConfigLoader;
import cn.jiesu.gateway.config.EnvVariables;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code jiesu --check-config FILE}: reads FILE and the environment as start-up does ({@link ConfigLoader}, every
 * section of {@link GatewayConfig}, the IVR, classification and service files they name) and prints {@code ok} or
 * every problem found, one line each naming its key. Starts nothing and connects to nothing.
 */
public final class CheckConfig {
    private CheckConfig() {}

    /** Checks and prints; returns the exit status: 0 ok, 2 problems. */
    public static int run(Path file, Map<String, String> env, PrintStream out) {
        List<String> problems = problems(file, env);
        if (problems.isEmpty()) {
            out.println("ok");
            return 0;
        }
        problems.forEach(p -> out.println("jiesu: configuration error: " + p));
        return 2;
    }

    /** Every problem as {@code key: problem}, in the order start-up meets them; empty when start-up would pass. */
    static List<String> problems(Path file, Map<String, String> env) {
        List<String> problems = new ArrayList<>();
        Map<String, Object> tree;
        try {
            tree = ConfigLoader.merged(file);
        } catch (ConfigException e) {
            // The file itself is unreadable, not YAML or has an unknown key: nothing below can be trusted.
            return List.of(e.getMessage());
        }
        EnvVariables.unknown(tree, env).forEach(e -> problems.add(e.getMessage()));
        ConfigNode t = ConfigLoader.tree(tree, env);
        GatewayConfig config = null;
        try {
            config = GatewayConfig.from(t);
        } catch (ConfigException e) {
            problems.add(e.getMessage());
            // Start-up stops at the first bad section; reading each on its own finds the others too.
            for (String p : GatewayConfig.sectionProblems(t)) {
                if (!problems.contains(p)) {
                    problems.add(p);
                }
            }
        }
        if (config != null) {
            checkFiles(config.channels(), problems);
        }
        return problems;
    }

    /** The files start-up reads after the config: the classification rules with their corpus, the services. */
    private static void checkFiles(ChannelsConfig ch, List<String> problems) {
        try {
            ReloadableClassifier.load(ch.classificationFile(), TextNormalizer.standard());
        } catch (IllegalArgumentException | IllegalStateException e) {
            problems.add(e instanceof ConfigException ? e.getMessage() : "classification.file: " + e.getMessage());
        }
        try {
            ServiceCatalogYaml.parse(
                    Files.readString(ch.servicesFile()), ch.servicesFile().toString());
        } catch (IOException e) {
            problems.add("services.file: cannot read " + ch.servicesFile() + ": " + e.getMessage());
        } catch (IllegalArgumentException | IllegalStateException e) {
            problems.add(e instanceof ConfigException ? e.getMessage() : "services.file: " + e.getMessage());
        }
    }
}

package cn.jiesu.gateway.ops;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.yaml.snakeyaml.Yaml;

/** The files of ops/: the Prometheus alert rules and the Grafana dashboards, read for the tests. */
public final class MonitoringPack {
    /** An alerting rule of ops/prometheus/rules. */
    public record Alert(
            String file, String name, String expr, Map<String, Object> labels, Map<String, Object> annotations) {}

    /** One query of a dashboard panel. */
    public record PanelQuery(String dashboard, String panel, String expr) {}

    private MonitoringPack() {}

    /** The repository's root: the first directory above the working directory that holds ops/. */
    public static Path root() {
        Path p = Path.of("").toAbsolutePath();
        while (p != null && !Files.isDirectory(p.resolve("ops/prometheus"))) {
            p = p.getParent();
        }
        if (p == null) {
            throw new IllegalStateException(
                    "no ops/prometheus above " + Path.of("").toAbsolutePath());
        }
        return p;
    }

    public static List<Path> files(String dir, String suffix) {
        try (Stream<Path> s = Files.list(root().resolve(dir))) {
            return s.filter(f -> f.getFileName().toString().endsWith(suffix))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @SuppressWarnings("unchecked")
    public static List<Alert> alerts() {
        List<Alert> out = new ArrayList<>();
        for (Path f : files("ops/prometheus/rules", ".yml")) {
            Map<String, Object> doc = yaml(f);
            for (Object g : (List<Object>) doc.get("groups")) {
                for (Object r : (List<Object>) ((Map<String, Object>) g).get("rules")) {
                    Map<String, Object> rule = (Map<String, Object>) r;
                    if (rule.containsKey("alert")) {
                        out.add(new Alert(
                                f.getFileName().toString(),
                                (String) rule.get("alert"),
                                String.valueOf(rule.get("expr")),
                                (Map<String, Object>) rule.getOrDefault("labels", Map.of()),
                                (Map<String, Object>) rule.getOrDefault("annotations", Map.of())));
                    }
                }
            }
        }
        return out;
    }

    /** Every panel's every query, rows' nested panels included. */
    public static List<PanelQuery> panelQueries() {
        List<PanelQuery> out = new ArrayList<>();
        for (Path f : files("ops/grafana/dashboards", ".json")) {
            try {
                JsonObject dashboard = new JsonObject(Files.readString(f, StandardCharsets.UTF_8));
                collect(f.getFileName().toString(), dashboard.getJsonArray("panels", new JsonArray()), out);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return out;
    }

    private static void collect(String dashboard, JsonArray panels, List<PanelQuery> out) {
        for (Object o : panels) {
            JsonObject panel = (JsonObject) o;
            for (Object t : panel.getJsonArray("targets", new JsonArray())) {
                String expr = ((JsonObject) t).getString("expr");
                if (expr != null) {
                    out.add(new PanelQuery(dashboard, panel.getString("title"), expr));
                }
            }
            collect(dashboard, panel.getJsonArray("panels", new JsonArray()), out);
        }
    }

    @SuppressWarnings("unchecked")
    public static Map<String, Object> yaml(Path f) {
        try (Reader r = Files.newBufferedReader(f, StandardCharsets.UTF_8)) {
            return (Map<String, Object>) new Yaml().load(r);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

package cn.jiesu.gateway.ops;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The Grafana dashboards of ops/grafana import cleanly: what Grafana needs of each panel, on a 24-column grid. */
class DashboardTest {

    @Test
    @DisplayName("every panel has a unique id, a title, the data source variable, queries with refIds, and no overlap")
    void panelsAreWellFormed() throws Exception {
        for (Path f : MonitoringPack.files("ops/grafana/dashboards", ".json")) {
            JsonObject d = new JsonObject(Files.readString(f, StandardCharsets.UTF_8));
            assertThat(d.getString("uid")).as(f + " uid").isNotBlank();
            assertThat(d.getJsonObject("templating").getJsonArray("list").encode())
                    .contains("\"datasource\"");
            Set<Integer> ids = new HashSet<>();
            Set<String> cells = new HashSet<>();
            for (Object o : d.getJsonArray("panels")) {
                JsonObject p = (JsonObject) o;
                String name = f.getFileName() + " panel " + p.getString("title");
                assertThat(ids.add(p.getInteger("id"))).as(name + ": unique id").isTrue();
                assertThat(p.getJsonObject("datasource").getString("uid"))
                        .as(name)
                        .isEqualTo("${datasource}");
                assertThat(p.getJsonArray("targets")).as(name + " queries").isNotEmpty();
                Set<String> refs = new HashSet<>();
                p.getJsonArray("targets").forEach(t -> {
                    JsonObject target = (JsonObject) t;
                    assertThat(target.getString("expr")).as(name).isNotBlank();
                    assertThat(refs.add(target.getString("refId")))
                            .as(name + ": unique refId")
                            .isTrue();
                });
                JsonObject g = p.getJsonObject("gridPos");
                assertThat(g.getInteger("x") + g.getInteger("w"))
                        .as(name + " fits 24 columns")
                        .isLessThanOrEqualTo(24);
                for (int x = g.getInteger("x"); x < g.getInteger("x") + g.getInteger("w"); x++) {
                    for (int y = g.getInteger("y"); y < g.getInteger("y") + g.getInteger("h"); y++) {
                        assertThat(cells.add(x + "," + y))
                                .as(name + " overlaps another at " + x + "," + y)
                                .isTrue();
                    }
                }
            }
        }
    }
}

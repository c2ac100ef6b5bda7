package cn.jiesu.gateway.history;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.jiesu.testkit.HistoryFile;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/** docs/schemas/history-line.v1.json, the file given to whoever exports the old system, agrees with the parser. */
class HistoryLineSchemaTest {
    private static final JsonMapper MAPPER = JsonMapper.builder().build();

    private static Schema schema() throws IOException {
        Path dir = Path.of("").toAbsolutePath();
        while (!Files.exists(dir.resolve("docs/schemas/history-line.v1.json"))) {
            dir = dir.getParent();
        }
        return SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12)
                .getSchema(Files.readString(dir.resolve("docs/schemas/history-line.v1.json")));
    }

    private static List<?> problems(Schema schema, String line) {
        return schema.validate(MAPPER.readTree(line), ctx -> ctx.executionConfig(c -> c.formatAssertionsEnabled(true)));
    }

    @Test
    void generatedLinesAndTheDocumentedExamplesConformAndParse() throws IOException {
        Schema schema = schema();
        StringWriter w = new StringWriter();
        HistoryFile.write(w, "T-", 200, Instant.parse("2026-01-01T00:00:00Z"), Duration.ofDays(30), 3);
        List<String> lines = new java.util.ArrayList<>(w.toString().lines().toList());
        lines.add("{\"id\":\"2025-0501-000124\",\"receivedAt\":\"2025-05-01T08:31:12+08:00\",\"category\":\"噪音\","
                + "\"lat\":39.9973,\"lon\":116.48,\"crs\":\"GCJ02\"}");
        lines.add("{\"id\":\"2025-0501-000125\",\"receivedAt\":\"2025-05-01T08:32:40+08:00\",\"address\":\"海淀区中关村街道\","
                + "\"topics\":[\"water\"]}");
        for (String line : lines) {
            assertThat(problems(schema, line)).as(line).isEmpty();
            assertThat(HistoryLine.parse(line).id()).isNotBlank();
        }
    }

    @Test
    void linesTheParserRefusesTheSchemaRefusesToo() throws IOException {
        Schema schema = schema();
        for (String line : List.of(
                "{\"id\":\"A\",\"text\":\"x\"}",
                "{\"id\":\"A B\",\"receivedAt\":\"2024-05-01T08:30:00+08:00\",\"text\":\"x\"}",
                "{\"id\":\"A\",\"receivedAt\":\"2024-05-01T08:30:00\",\"text\":\"x\"}",
                "{\"id\":\"A\",\"receivedAt\":\"2024-05-01T08:30:00Z\",\"lat\":39.9}",
                "{\"id\":\"A\",\"receivedAt\":\"2024-05-01T08:30:00Z\",\"text\":\"x\",\"crs\":\"BD09\"}",
                "{\"id\":\"A\",\"receivedAt\":\"2024-05-01T08:30:00Z\",\"txt\":\"x\"}",
                "{\"id\":\"A\",\"receivedAt\":\"2024-05-01T08:30:00Z\"}",
                "{\"id\":\"A\",\"receivedAt\":\"2024-05-01T08:30:00Z\",\"lat\":null,\"lon\":116,\"text\":\"x\"}",
                "{\"id\":\"A\",\"receivedAt\":\"2024-05-01T08:30:00Z\",\"text\":null,\"address\":\"x\"}",
                "{\"id\":\"A\",\"receivedAt\":\"2024-05-01T08:30:00Z\",\"topics\":null,\"address\":\"x\"}")) {
            assertThat(problems(schema, line)).as(line).isNotEmpty();
            assertThatThrownBy(() -> HistoryLine.parse(line)).isInstanceOf(IllegalArgumentException.class);
        }
    }
}

package cn.jiesu.gateway.support;

import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.json.JsonMapper;

/**
 * The intake stream's contract, docs/schemas/intake-entry.v1.json (JSON Schema 2020-12), as a check of real stream
 * entries: the tests XRANGE what the gateway appended and hold every entry to the file the case system is given.
 */
public final class IntakeEntrySchema {
    public static final Path FILE = locate("docs/schemas/intake-entry.v1.json");

    private static final JsonMapper MAPPER = JsonMapper.builder().build();
    private static final Schema SCHEMA = load();

    private IntakeEntrySchema() {}

    /** Every way the entry departs from the schema, each naming the field; empty when it conforms. */
    public static List<String> problems(Map<String, String> entry) {
        return SCHEMA
                .validate(MAPPER.valueToTree(entry), ctx -> ctx.executionConfig(c -> c.formatAssertionsEnabled(true)))
                .stream()
                .map(e -> e + " (intake " + entry.get("intakeId") + ", channel " + entry.get("channel") + ")")
                .toList();
    }

    private static Schema load() {
        try {
            return SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12)
                    .getSchema(Files.readString(FILE));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The repository file, from the module directory the tests run in or the repository root. */
    private static Path locate(String relative) {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.exists(dir.resolve(relative))) {
                return dir.resolve(relative);
            }
        }
        throw new IllegalStateException(
                relative + " not found above " + Path.of("").toAbsolutePath());
    }
}

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
 * A Redis stream's contract for consumers outside Jiesu, a JSON Schema 2020-12 file under docs/schemas/, as a check
 * of real entries: the tests XRANGE what the gateway appended and hold every entry to the file the case system is
 * given.
 */
public final class StreamSchema {
    /** The intake stream, {@code <prefix>intake}: one entry per appeal. */
    public static final StreamSchema INTAKE_ENTRY = new StreamSchema("docs/schemas/intake-entry.v1.json");
    /** {@code <prefix>appeal-events}: changes to a stored appeal. */
    public static final StreamSchema APPEAL_EVENT = new StreamSchema("docs/schemas/appeal-event.v1.json");

    /** {@code <prefix>hotspots}: hotspots opened, grown and closed. */
    public static final StreamSchema HOTSPOT_EVENT = new StreamSchema("docs/schemas/hotspot-event.v1.json");

    private static final JsonMapper MAPPER = JsonMapper.builder().build();

    private final Schema schema;

    private StreamSchema(String file) {
        try {
            schema = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12)
                    .getSchema(Files.readString(locate(file)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every way the entry departs from the schema, each naming the field; empty when it conforms. */
    public List<String> problems(Map<String, String> entry) {
        return schema
                .validate(MAPPER.valueToTree(entry), ctx -> ctx.executionConfig(c -> c.formatAssertionsEnabled(true)))
                .stream()
                .map(e -> e + " (intake " + entry.get("intakeId") + ", channel " + entry.get("channel") + ")")
                .toList();
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

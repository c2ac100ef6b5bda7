package cn.jiesu.gateway.history;

import cn.jiesu.core.intake.Crs;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.exc.StreamReadException;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.time.temporal.ChronoField;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * One appeal of the old case system, one line of the {@code jiesu import-history} file (docs/import-history.md,
 * docs/schemas/history-line.v1.json). {@link #parse} refuses a line with an {@link IllegalArgumentException} whose
 * message names the field and what was wrong; the importer prints it with the line number.
 *
 * @param id         the old system's case number: the import counts each at most once
 * @param receivedAt when the old system received it
 * @param topics     the old system's own labels, as triage topics; empty: triage reads the text
 */
public record HistoryLine(
        String id,
        Instant receivedAt,
        String title,
        String text,
        String address,
        Double lat,
        Double lon,
        Crs crs,
        String category,
        List<String> topics) {
    static final int MAX_ID = 64;
    static final int MAX_TEXT = 4_000;
    static final int MAX_ADDRESS = 500;
    /** RFC 3339 date-time: seconds required (ISO_OFFSET_DATE_TIME would take 08:30+08:00), fraction optional. */
    private static final DateTimeFormatter RFC_3339 = new DateTimeFormatterBuilder()
            .append(DateTimeFormatter.ISO_LOCAL_DATE)
            .appendLiteral('T')
            .appendPattern("HH:mm:ss")
            .optionalStart()
            .appendFraction(ChronoField.NANO_OF_SECOND, 1, 9, true)
            .optionalEnd()
            .appendOffset("+HH:MM", "Z")
            .toFormatter()
            .withResolverStyle(ResolverStyle.STRICT);

    /** The fields, in the order the docs list them (also the CSV columns). */
    static final List<String> FIELD_ORDER =
            List.of("id", "receivedAt", "title", "text", "address", "lat", "lon", "crs", "category", "topics");

    private static final Set<String> FIELDS = Set.copyOf(FIELD_ORDER);
    private static final String FIELD_LIST = String.join(", ", FIELD_ORDER);
    /** Refuses a key given twice: JsonObject would keep the last silently, whichever the exporter meant. */
    private static final JsonFactory STRICT = JsonFactory.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();

    /** Parses one JSON object; IllegalArgumentException naming the field for anything the format does not allow. */
    public static HistoryLine parse(String line) {
        return parse(line, Instant.MAX);
    }

    /**
     * {@link #parse(String)}, also refusing a receive time after {@code latest} (echoed as written, not in UTC: the
     * operator looks for it in the file).
     */
    public static HistoryLine parse(String line, Instant latest) {
        JsonObject o = object(line);
        for (String f : o.fieldNames()) {
            if (!FIELDS.contains(f)) {
                // A misspelt field would silently import less: say so.
                throw new IllegalArgumentException(
                        shortened(f) + ": unknown field (the fields are " + FIELD_LIST + ")");
            }
            if (o.getValue(f) == null) {
                // The schema's types do not take null: leaving a field out is the one way to say "none".
                throw new IllegalArgumentException(f + ": null; leave the field out instead");
            }
        }
        String id = string(o, "id", MAX_ID);
        if (id == null || id.isBlank() || !id.codePoints().allMatch(c -> c > ' ' && !Character.isISOControl(c))) {
            throw new IllegalArgumentException("id: required, 1 to " + MAX_ID + " characters, no spaces");
        }
        String written = string(o, "receivedAt", 64);
        Instant at = instant(written);
        if (at.isAfter(latest)) {
            throw new IllegalArgumentException("receivedAt: more than 5 minutes in the future: " + written);
        }
        String title = string(o, "title", MAX_TEXT);
        String text = string(o, "text", MAX_TEXT);
        String address = string(o, "address", MAX_ADDRESS);
        Double lat = number(o, "lat", -90, 90);
        Double lon = number(o, "lon", -180, 180);
        if ((lat == null) != (lon == null)) {
            throw new IllegalArgumentException((lat == null ? "lat" : "lon") + ": lat and lon must be given together");
        }
        Crs crs = crs(string(o, "crs", 8));
        if (crs != null && lat == null) {
            throw new IllegalArgumentException("crs: given without lat and lon");
        }
        String category = string(o, "category", 200);
        List<String> topics = topics(o);
        if (blank(title) && blank(text) && blank(address) && lat == null && blank(category) && topics.isEmpty()) {
            throw new IllegalArgumentException(
                    "nothing to count: give text, title, address, lat/lon, category or topics");
        }
        return new HistoryLine(
                id,
                at,
                title,
                text,
                address,
                lat,
                lon,
                lat == null ? null : crs == null ? Crs.WGS84 : crs,
                category,
                topics);
    }

    /** The text triage reads: category, title and text, as a channel joins its fields. */
    public String triageText() {
        StringBuilder b = new StringBuilder();
        for (String s : new String[] {category, title, text}) {
            if (!blank(s)) {
                b.append(b.isEmpty() ? "" : " ").append(s.strip());
            }
        }
        return b.toString();
    }

    private static JsonObject object(String line) {
        try (JsonParser p = STRICT.createParser(line)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new IllegalArgumentException("not a JSON object");
            }
            while (p.nextToken() != JsonToken.END_OBJECT) {
                p.nextToken();
                p.skipChildren();
            }
            if (p.nextToken() != null) {
                throw new IllegalArgumentException("not a JSON object: more after its closing brace");
            }
        } catch (com.fasterxml.jackson.core.exc.StreamConstraintsException e) {
            // A value nested past the parser's limit (1000 levels): a JSON object still, just not one to read.
            throw new IllegalArgumentException("a JSON object nested too deep (more than 1000 levels)");
        } catch (StreamReadException e) {
            String key = duplicate(e);
            throw new IllegalArgumentException(key != null ? key + ": given twice" : "not a JSON object");
        } catch (IOException e) {
            throw new IllegalArgumentException("not a JSON object");
        }
        try {
            return new JsonObject(line);
        } catch (DecodeException | ClassCastException e) {
            throw new IllegalArgumentException("not a JSON object");
        }
    }

    /** The key Jackson found twice, from its message ("Duplicate field 'text'"); null for any other error. */
    private static String duplicate(StreamReadException e) {
        String m = e.getOriginalMessage();
        if (m == null || !m.startsWith("Duplicate field '")) {
            return null;
        }
        int end = m.indexOf('\'', 17);
        return end < 0 ? null : shortened(m.substring(17, end));
    }

    private static Instant instant(String s) {
        if (s == null) {
            throw new IllegalArgumentException(
                    "receivedAt: required (RFC 3339 with offset, 2024-05-01T08:30:00+08:00)");
        }
        try {
            return OffsetDateTime.parse(s, RFC_3339).toInstant();
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(
                    "receivedAt: not RFC 3339 with offset (2024-05-01T08:30:00+08:00): " + shortened(s));
        }
    }

    private static Crs crs(String s) {
        if (s == null) {
            return null;
        }
        try {
            return Crs.valueOf(s.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("crs: one of WGS84, GCJ02, BD09, was " + shortened(s));
        }
    }

    private static List<String> topics(JsonObject o) {
        Object v = o.getValue("topics");
        if (v == null) {
            return List.of();
        }
        if (!(v instanceof JsonArray a)) {
            throw new IllegalArgumentException("topics: an array of strings");
        }
        List<String> out = new ArrayList<>(a.size());
        for (Object t : a) {
            if (!(t instanceof String s) || s.isBlank() || s.length() > 64) {
                throw new IllegalArgumentException("topics: an array of strings of 1 to 64 characters");
            }
            out.add(s.strip());
        }
        return List.copyOf(out);
    }

    private static String string(JsonObject o, String field, int max) {
        Object v = o.getValue(field);
        if (v == null) {
            return null;
        }
        if (!(v instanceof String s)) {
            throw new IllegalArgumentException(field + ": a string");
        }
        if (s.length() > max) {
            throw new IllegalArgumentException(field + ": at most " + max + " characters, was " + s.length());
        }
        return s;
    }

    private static Double number(JsonObject o, String field, double min, double max) {
        Object v = o.getValue(field);
        if (v == null) {
            return null;
        }
        if (!(v instanceof Number n) || !(n.doubleValue() >= min && n.doubleValue() <= max)) {
            throw new IllegalArgumentException(field + ": a number from " + (long) min + " to " + (long) max);
        }
        return n.doubleValue();
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    private static String shortened(String s) {
        return s.length() <= 40 ? s : s.substring(0, 40) + "…";
    }
}

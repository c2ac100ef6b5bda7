package cn.jiesu.channels.classify;

import cn.jiesu.core.classify.TriageExample;
import cn.jiesu.core.intake.RequestType;
import cn.jiesu.core.intake.Urgency;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Reads labelled appeals from tab-separated files: {@code id, source, requestType, urgency, text} per line, blank
 * lines and {@code #} comments skipped. The same format is what agents' corrections are exported in, so they can be
 * appended to a corpus file as they are. Errors name the file and line.
 */
public final class TriageCorpus {
    /** One row as read, with where it came from. */
    public record Row(String id, String source, TriageExample example) {}

    private TriageCorpus() {}

    public static List<Row> read(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(file + ": cannot read: " + e.getMessage(), e);
        }
        List<Row> rows = new ArrayList<>();
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String[] f = lines[i].split("\t", 5);
            String where = file + ":" + (i + 1);
            if (f.length != 5 || f[4].isBlank()) {
                throw new IllegalArgumentException(
                        where + ": expected id, source, requestType, urgency, text " + "separated by tabs");
            }
            rows.add(new Row(
                    f[0].strip(),
                    f[1].strip(),
                    new TriageExample(
                            f[4].strip(),
                            value(RequestType.class, f[2], where + ".requestType"),
                            value(Urgency.class, f[3], where + ".urgency"))));
        }
        return rows;
    }

    /** One corpus line for {@code example}: tabs and line breaks in the text become spaces. */
    public static String line(String id, String source, TriageExample example) {
        return String.join(
                "\t",
                id,
                source,
                example.requestType().name(),
                example.urgency().name(),
                example.text().replaceAll("[\\t\\r\\n]+", " ").strip());
    }

    private static <E extends Enum<E>> E value(Class<E> type, String raw, String where) {
        try {
            return Enum.valueOf(type, raw.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(where + ": unknown value '" + raw.strip() + "'", e);
        }
    }
}

package cn.jiesu.gateway.history;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.FilterReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * An old system's CSV export as history lines: RFC 4180 (commons-csv: quoted cells with commas, quotes and line
 * breaks), a header row naming the history line's fields, one appeal a row. Each row becomes the JSON object a JSON
 * Lines file would hold ({@link HistoryLine#parse} checks it, with the same messages): an empty cell is a field left
 * out, {@code lat}/{@code lon} are numbers, {@code topics} are separated by {@code ;}. A row is numbered by the line
 * it ends on. A header naming no appeal field, an unknown or repeated column is refused before any row is read.
 *
 * <p>Bytes that are not of the file's character set are replaced while decoding and refuse the row they are in, as
 * a JSON line that is not UTF-8 is refused (no byte of a multi-byte GBK or UTF-8 character is a comma, quote or line
 * break, so the rows around it keep their cells). Unlike JSON Lines, one broken row can swallow the rest of the file
 * (an unclosed quote), so a row over {@link LineReader#MAX_BYTES} characters or one never closed stops the import
 * (IOException) rather than refuse a line.
 */
public final class CsvLines implements HistoryLines {
    private static final char REPLACED = '\uFFFD';
    /** The first rows: when all are undecodable the file is refused as being in another encoding. */
    static final int WRONG_ENCODING_AFTER = 10;

    private static final Pattern NUMBER = Pattern.compile("[+-]?([0-9]+(\\.[0-9]*)?|\\.[0-9]+)([eE][+-]?[0-9]+)?");

    private final Charset charset;
    private final Bounded reader;
    private final CSVParser parser;
    private final Iterator<CSVRecord> rows;
    private final List<String> columns;
    private final ArrayDeque<Row> ahead = new ArrayDeque<>();
    private IOException stopped; // met while reading ahead: thrown once the rows before it are taken

    /**
     * Reads the header row.
     *
     * @throws IllegalArgumentException the header is not one of history lines (names the column)
     * @throws IOException              the header could not be read
     */
    public CsvLines(InputStream in, Charset charset) throws IOException {
        this.charset = charset;
        this.reader = new Bounded(new InputStreamReader(
                in,
                charset.newDecoder()
                        .onMalformedInput(CodingErrorAction.REPLACE)
                        .onUnmappableCharacter(CodingErrorAction.REPLACE)));
        this.parser = CSVParser.builder()
                .setReader(reader)
                .setFormat(CSVFormat.RFC4180.builder().setIgnoreEmptyLines(true).get())
                .get();
        this.rows = parser.iterator();
        this.columns = header(read());
        // The first rows, read ahead: a whole file in another encoding is refused here, with one message, before
        // any row is reported or counted.
        for (int i = 0; i < WRONG_ENCODING_AFTER; i++) {
            CSVRecord row;
            try {
                row = read();
            } catch (IOException e) {
                stopped = e; // after the rows before it, as any later row would
                break;
            }
            if (row == null) {
                break;
            }
            ahead.add(new Row(row, parser.getCurrentLineNumber()));
        }
        if (!ahead.isEmpty() && ahead.stream().allMatch(r -> undecodable(r.record()))) {
            throw new IllegalArgumentException("the first " + ahead.size() + " rows are all " + notDecoded()
                    + ": the file is not " + charset.name());
        }
    }

    private record Row(CSVRecord record, long line) {}

    private static boolean undecodable(CSVRecord row) {
        return row.stream().anyMatch(cell -> cell.indexOf(REPLACED) >= 0);
    }

    /** The header's columns, checked against the history line's fields. */
    private static List<String> header(CSVRecord row) {
        if (row == null) {
            throw new IllegalArgumentException("no header row: the first row names the columns ("
                    + String.join(", ", HistoryLine.FIELD_ORDER) + ")");
        }
        List<String> out = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < row.size(); i++) {
            String name = row.get(i).strip();
            if (i == 0 && name.startsWith("\uFEFF")) {
                name = name.substring(1).strip(); // a byte order mark some exporters write
            }
            if (name.isEmpty()) {
                throw new IllegalArgumentException("column " + (i + 1) + " of the header has no name");
            }
            if (!HistoryLine.FIELD_ORDER.contains(name)) {
                throw new IllegalArgumentException("column " + shortened(name) + ": unknown (the columns are "
                        + String.join(", ", HistoryLine.FIELD_ORDER) + ")");
            }
            if (!seen.add(name)) {
                throw new IllegalArgumentException("column " + name + ": given twice");
            }
            out.add(name);
        }
        for (String required : List.of("id", "receivedAt")) {
            if (!seen.contains(required)) {
                throw new IllegalArgumentException("column " + required + ": required");
            }
        }
        return List.copyOf(out);
    }

    @Override
    public LineReader.Line next() throws IOException {
        CSVRecord row;
        long line;
        if (!ahead.isEmpty()) {
            Row r = ahead.removeFirst();
            row = r.record();
            line = r.line();
        } else {
            if (stopped != null) {
                IOException e = stopped;
                stopped = null;
                throw e;
            }
            row = read();
            if (row == null) {
                return null;
            }
            line = parser.getCurrentLineNumber();
        }
        if (undecodable(row)) {
            return new LineReader.Line(line, null, notDecoded());
        }
        if (row.size() != columns.size()) {
            return new LineReader.Line(line, null, row.size() + " cells, the header has " + columns.size());
        }
        JsonObject o = new JsonObject();
        for (int i = 0; i < columns.size(); i++) {
            String field = columns.get(i);
            String cell = row.get(i);
            if (cell.isBlank()) {
                continue; // an empty cell is a field left out
            }
            switch (field) {
                case "lat", "lon" -> {
                    if (!NUMBER.matcher(cell.strip()).matches()) {
                        return new LineReader.Line(line, null, field + ": not a number: " + shortened(cell));
                    }
                    o.put(field, Double.parseDouble(cell.strip()));
                }
                case "topics" -> {
                    JsonArray topics = new JsonArray();
                    for (String t : cell.split("[;；]")) {
                        if (!t.isBlank()) {
                            topics.add(t.strip());
                        }
                    }
                    o.put(field, topics);
                }
                default -> o.put(field, cell);
            }
        }
        return new LineReader.Line(line, o.encode(), null);
    }

    private String notDecoded() {
        return "not " + charset.name()
                + (charset.equals(StandardCharsets.UTF_8) ? " (a GBK export? --encoding GB18030)" : "");
    }

    /** The next row, or null at the end; a read failure as the IOException it is, naming the row's first line. */
    private CSVRecord read() throws IOException {
        reader.startRow();
        long line = parser.getCurrentLineNumber() + 1;
        try {
            return rows.hasNext() ? rows.next() : null;
        } catch (UncheckedIOException | IllegalStateException e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            if (cause instanceof RowTooLong) {
                throw new Syntax("the row from line " + line + " on is longer than " + (LineReader.MAX_BYTES >> 20)
                        + " MiB (a quote never closed?)");
            }
            String m = cause.getMessage() == null ? "" : cause.getMessage();
            String what = m.contains("EOF reached before encapsulated token finished")
                    ? "a quote opened in it is never closed"
                    : m.contains("Invalid character between encapsulated token and delimiter")
                            ? "a quoted cell goes on after its closing quote (a quote inside a cell is written \"\")"
                            : "it is not CSV";
            throw new Syntax("the row from line " + line + " on: " + what);
        }
    }

    private static String shortened(String s) {
        return s.length() > 40 ? s.substring(0, 40) + "…" : s;
    }

    /** A reader that fails once one row has read more than the line limit: an unclosed quote reads to the end. */
    private static final class Bounded extends FilterReader {
        private long read;

        Bounded(Reader in) {
            super(in);
        }

        void startRow() {
            read = 0;
        }

        @Override
        public int read() throws IOException {
            int c = super.read();
            count(c < 0 ? 0 : 1);
            return c;
        }

        @Override
        public int read(char[] buffer, int offset, int length) throws IOException {
            int n = super.read(buffer, offset, length);
            count(Math.max(n, 0));
            return n;
        }

        private void count(int n) throws IOException {
            read += n;
            // A buffer's worth of slack: the parser reads ahead of the row it is on.
            if (read > LineReader.MAX_BYTES + (1 << 16)) {
                throw new RowTooLong();
            }
        }
    }

    /** The file is not CSV from a row on: the rows before it were read, the rest cannot be. */
    public static final class Syntax extends IOException {
        Syntax(String message) {
            super(message);
        }
    }

    private static final class RowTooLong extends IOException {
        RowTooLong() {
            super("row too long");
        }
    }
}

package cn.jiesu.gateway.history;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.json.JsonObject;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class CsvLinesTest {
    private static final Charset GB18030 = Charset.forName("GB18030");

    private static List<LineReader.Line> rows(String csv, Charset charset) throws IOException {
        return rows(csv.getBytes(charset), charset);
    }

    private static List<LineReader.Line> rows(byte[] bytes, Charset charset) throws IOException {
        CsvLines r = new CsvLines(new ByteArrayInputStream(bytes), charset);
        List<LineReader.Line> out = new ArrayList<>();
        for (LineReader.Line l; (l = r.next()) != null; ) {
            out.add(l);
        }
        return out;
    }

    private static List<LineReader.Line> rows(String csv) throws IOException {
        return rows(csv, StandardCharsets.UTF_8);
    }

    @Test
    @DisplayName("rows become the history line's JSON: quoted commas, quotes and line breaks, numbers, topics, blanks")
    void rowsAsHistoryLines() throws IOException {
        String csv = "\uFEFFid,receivedAt,text,address,lat,lon,topics\r\n"
                + "A1,2025-01-02T03:04:05+08:00,\"停水了，\"\"一直\"\"没有水\",朝阳区望京街道,39.99,116.47,water;leak\r\n"
                + "A2,2025-01-02T04:00:00+08:00,\"第一行\n第二行\",,,,\r\n"
                + "\r\n"
                + "A3,2025-01-02T05:00:00+08:00,路灯不亮,,,, \r\n";
        List<LineReader.Line> rows = rows(csv);
        assertThat(rows).hasSize(3).allSatisfy(l -> assertThat(l.problem()).isNull());
        HistoryLine a1 = HistoryLine.parse(rows.get(0).text());
        assertThat(a1.id()).isEqualTo("A1");
        assertThat(a1.text()).isEqualTo("停水了，\"一直\"没有水");
        assertThat(a1.lat()).isEqualTo(39.99);
        assertThat(a1.lon()).isEqualTo(116.47);
        assertThat(a1.topics()).containsExactly("water", "leak");
        HistoryLine a2 = HistoryLine.parse(rows.get(1).text());
        assertThat(a2.text()).isEqualTo("第一行\n第二行");
        // Empty cells are fields left out, not empty strings or nulls.
        assertThat(new JsonObject(rows.get(1).text()).fieldNames())
                .containsExactlyInAnyOrder("id", "receivedAt", "text");
        // Each row by the line it ends on: A2 spans lines 3 and 4, a blank line 5 is skipped.
        assertThat(rows).extracting(LineReader.Line::number).containsExactly(2L, 4L, 6L);
    }

    @Test
    @DisplayName("a GBK export reads with GB18030; read as UTF-8 each Chinese row is refused naming the option")
    void encodings() throws IOException {
        String csv = "id,receivedAt,text,address\nG1,2025-01-02T03:04:05+08:00,路灯不亮,望京\n"
                + "G2,2025-01-02T03:04:05+08:00,no Chinese here,x\n";
        List<LineReader.Line> gb = rows(csv, GB18030);
        assertThat(gb).extracting(l -> HistoryLine.parse(l.text()).text()).containsExactly("路灯不亮", "no Chinese here");
        // The GBK bytes read as UTF-8: the Chinese row is refused, the others are read.
        assertThat(rows(csv.getBytes(GB18030), StandardCharsets.UTF_8))
                .containsExactly(
                        new LineReader.Line(2, null, "not UTF-8 (a GBK export? --encoding GB18030)"),
                        new LineReader.Line(3, gb.get(1).text(), null));
    }

    @Test
    @DisplayName("a file whose first ten rows are all undecodable is refused before any row, naming the encoding")
    void wholeFileInAnotherEncoding() {
        StringBuilder csv = new StringBuilder("id,receivedAt,text\n");
        for (int i = 0; i < 50; i++) {
            csv.append("G").append(i).append(",2025-01-02T03:04:05+08:00,路灯不亮\n");
        }
        assertThatThrownBy(() -> new CsvLines(
                        new ByteArrayInputStream(csv.toString().getBytes(GB18030)), StandardCharsets.UTF_8))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("the first 10 rows are all not UTF-8 (a GBK export? --encoding GB18030): the file is not"
                        + " UTF-8");
    }

    @Test
    @DisplayName("a row with the wrong number of cells or a lat that is not a number is one refused row")
    void refusedRows() throws IOException {
        List<LineReader.Line> rows = rows("id,receivedAt,text,lat,lon\n"
                + "B1,2025-01-02T03:04:05+08:00,停水\n"
                + "B2,2025-01-02T03:04:05+08:00,停水,NaN,116\n"
                + "B3,2025-01-02T03:04:05+08:00,停水,39.9,116.4\n");
        assertThat(rows.get(0).problem()).isEqualTo("3 cells, the header has 5");
        assertThat(rows.get(1).problem()).isEqualTo("lat: not a number: NaN");
        assertThat(rows.get(2).problem()).isNull();
        assertThat(rows).extracting(LineReader.Line::number).containsExactly(2L, 3L, 4L);
    }

    @Test
    @DisplayName("a header that is not of history lines is refused before any row, naming the column")
    void headers() {
        assertThatThrownBy(() -> rows("id,receivedAt,txt\n"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("column txt: unknown (the columns are id, receivedAt,");
        assertThatThrownBy(() -> rows("id,text,text,receivedAt\n")).hasMessage("column text: given twice");
        assertThatThrownBy(() -> rows("id,text\n")).hasMessage("column receivedAt: required");
        assertThatThrownBy(() -> rows("id,,receivedAt\n")).hasMessage("column 2 of the header has no name");
        assertThatThrownBy(() -> rows("")).hasMessageStartingWith("no header row");
    }

    @Test
    @DisplayName("an unclosed quote stops the import with the line it started on, without holding the file")
    void unclosedQuote() throws IOException {
        CsvLines r = new CsvLines(
                new ByteArrayInputStream(("id,receivedAt,text\nC0,2025-01-02T03:04:05+08:00,路灯\n"
                                + "C1,2025-01-02T03:04:05+08:00,\"停水\nC2,2025-01-02T03:04:05+08:00,路灯\n")
                        .getBytes(StandardCharsets.UTF_8)),
                StandardCharsets.UTF_8);
        // The row before it first, then the stop: it was met while reading ahead.
        assertThat(r.next().problem()).isNull();
        assertThatThrownBy(r::next)
                .isInstanceOf(CsvLines.Syntax.class)
                .hasMessage("the row from line 3 on: a quote opened in it is never closed");
        CsvLines stray = new CsvLines(
                new ByteArrayInputStream(("id,receivedAt,text\nE1,2025-01-02T03:04:05+08:00,\"停水\"了\n")
                        .getBytes(StandardCharsets.UTF_8)),
                StandardCharsets.UTF_8);
        assertThatThrownBy(stray::next)
                .hasMessage("the row from line 2 on: a quoted cell goes on after its closing quote (a quote inside a"
                        + " cell is written \"\")");
        String big = "id,receivedAt,text\nD1,2025-01-02T03:04:05+08:00,\"" + "水".repeat(1_200_000) + "\n";
        CsvLines huge =
                new CsvLines(new ByteArrayInputStream(big.getBytes(StandardCharsets.UTF_8)), StandardCharsets.UTF_8);
        assertThatThrownBy(huge::next)
                .isInstanceOf(CsvLines.Syntax.class)
                .hasMessage("the row from line 2 on is longer than 1 MiB (a quote never closed?)");
    }
}

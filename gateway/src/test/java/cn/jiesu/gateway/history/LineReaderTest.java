package cn.jiesu.gateway.history;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LineReaderTest {
    private static List<LineReader.Line> lines(byte[] bytes, int max) throws IOException {
        LineReader r = new LineReader(new ByteArrayInputStream(bytes), max);
        List<LineReader.Line> out = new ArrayList<>();
        for (LineReader.Line l; (l = r.next()) != null; ) {
            out.add(l);
        }
        return out;
    }

    @Test
    void aLineNotUtf8IsOneRefusedLineAndTheRestAreRead() throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.writeBytes("家里停水了\r\n".getBytes(StandardCharsets.UTF_8));
        b.writeBytes("路灯不亮\n".getBytes(Charset.forName("GB18030")));
        b.writeBytes("\nlast without a line end".getBytes(StandardCharsets.UTF_8));
        assertThat(lines(b.toByteArray(), LineReader.MAX_BYTES))
                .containsExactly(
                        new LineReader.Line(1, "家里停水了", null),
                        new LineReader.Line(2, null, "not UTF-8"),
                        new LineReader.Line(3, "", null),
                        new LineReader.Line(4, "last without a line end", null));
    }

    @Test
    void aLineOverTheLimitIsRefusedWithoutBeingKeptAndTheNextIsRead() throws IOException {
        byte[] big = ("x".repeat(200_000) + "\nok\n" + "y".repeat(100) + "\n").getBytes(StandardCharsets.UTF_8);
        assertThat(lines(big, 100))
                .containsExactly(
                        new LineReader.Line(1, null, "longer than 100 bytes"),
                        new LineReader.Line(2, "ok", null),
                        new LineReader.Line(3, "y".repeat(100), null));
        assertThat(lines(
                        ("z".repeat(LineReader.MAX_BYTES + 1) + "\n").getBytes(StandardCharsets.UTF_8),
                        LineReader.MAX_BYTES))
                .containsExactly(new LineReader.Line(1, null, "longer than 1 MiB"));
        assertThat(lines(new byte[0], 100)).isEmpty();
    }
}

package cn.jiesu.testkit;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Random;

/**
 * Writes a made-up export of an old case system in the {@code jiesu import-history} format (JSON Lines): appeals
 * spread evenly over the hours of a period, about a handful of Beijing streets, most with a text the classification
 * rules give a topic, some with a position instead of an address, some placing nothing. Deterministic per seed.
 * For the import's tests and its throughput run:
 * {@code java -cp testkit.jar cn.jiesu.testkit.HistoryFile OUT LINES DAYS} (the period ends now).
 */
public final class HistoryFile {
    private static final String[] ADDRESSES = {
        "东城区景山街道景山前街", "西城区金融街街道武定侯街", "朝阳区三里屯街道工体北路", "朝阳区亚运村街道安立路", "海淀区学院路街道成府路",
    };
    private static final String[] TEXTS = {
        "楼下装修噪音很大，晚上也不停", "小区垃圾没人清运，臭味很大", "小区路灯不亮，晚上很黑", "家里停水了，一直没有水", "路边井盖丢了很危险", "咨询一下社保卡怎么补办",
    };

    /** Seconds always: OffsetDateTime.toString leaves out zero seconds, which RFC 3339 requires. */
    private static final DateTimeFormatter RFC_3339 = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ssXXX");

    private HistoryFile() {}

    /**
     * Writes {@code lines} appeals received in the {@code period} before {@code end}, ids {@code idPrefix}1..lines,
     * in time order (old systems export so; the import does not need it).
     */
    public static void write(Path out, String idPrefix, long lines, Instant end, Duration period, long seed)
            throws IOException {
        try (BufferedWriter w = Files.newBufferedWriter(out, StandardCharsets.UTF_8)) {
            write(w, idPrefix, lines, end, period, seed);
        }
    }

    public static void write(Writer w, String idPrefix, long lines, Instant end, Duration period, long seed)
            throws IOException {
        Random r = new Random(seed);
        long start = end.minus(period).toEpochMilli();
        double step = (double) period.toMillis() / lines;
        for (long i = 0; i < lines; i++) {
            Instant at = Instant.ofEpochMilli(start + (long) (i * step)).truncatedTo(ChronoUnit.SECONDS);
            StringBuilder b = new StringBuilder(200);
            b.append("{\"id\":\"").append(idPrefix).append(i + 1).append('"');
            b.append(",\"receivedAt\":\"")
                    .append(RFC_3339.format(at.atOffset(ZoneOffset.ofHours(8))))
                    .append('"');
            b.append(",\"text\":\"").append(TEXTS[r.nextInt(TEXTS.length)]).append('"');
            int where = r.nextInt(10);
            if (where < 7) {
                b.append(",\"address\":\"")
                        .append(ADDRESSES[r.nextInt(ADDRESSES.length)])
                        .append('"');
            } else if (where < 9) {
                // 望京, by position in GCJ-02 as map SDKs report it
                b.append(",\"lat\":39.9973,\"lon\":116.4800,\"crs\":\"GCJ02\"");
            } // else: nowhere the gazetteer knows
            w.write(b.append("}\n").toString());
        }
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 3) {
            System.err.println("usage: HistoryFile OUT LINES DAYS");
            System.exit(2);
        }
        write(
                Path.of(args[0]),
                "OLD-",
                Long.parseLong(args[1]),
                Instant.now(),
                Duration.ofDays(Long.parseLong(args[2])),
                16L);
    }
}

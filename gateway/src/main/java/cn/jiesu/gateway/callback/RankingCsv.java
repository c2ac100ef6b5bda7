package cn.jiesu.gateway.callback;

import cn.jiesu.core.rates.RankedUnit;
import cn.jiesu.core.rates.RateCounts;
import java.util.List;
import java.util.Locale;

/**
 * The monthly ranking as a city centre publishes it: a CSV sheet (RFC 4180, CRLF) in UTF-8 with a byte order mark,
 * so that Excel opens the Chinese names correctly. Rates and score in percent with two decimals, empty when
 * undefined; the city's totals and the unplaced appeals in two rows after the units, without a rank.
 */
final class RankingCsv {
    static final String BOM = "\uFEFF";
    static final String HEADER = "排名,区,街乡镇,类型,受理量,响应率(%),解决率(%),满意率(%),综合得分";

    private RankingCsv() {}

    static String render(List<RankedUnit> ranking, RateCounts total, RateCounts unplaced) {
        StringBuilder out = new StringBuilder(BOM).append(HEADER).append("\r\n");
        for (RankedUnit u : ranking) {
            row(
                    out,
                    u.rank() == null ? "" : u.rank().toString(),
                    u.unit().district(),
                    u.unit().name(),
                    u.unit().kind().suffix(),
                    u.counts(),
                    u.score());
        }
        row(out, "", "全市", "合计", "", total, null);
        row(out, "", "未定位", "", "", unplaced, null);
        return out.toString();
    }

    private static void row(
            StringBuilder out, String rank, String district, String unit, String kind, RateCounts c, Double score) {
        out.append(String.join(
                        ",",
                        rank,
                        quoted(district),
                        quoted(unit),
                        quoted(kind),
                        Long.toString(c.received()),
                        percent(c.responseRate()),
                        percent(c.resolutionRate()),
                        percent(c.satisfactionRate()),
                        percent(score)))
                .append("\r\n");
    }

    private static String percent(Double rate) {
        return rate == null ? "" : String.format(Locale.ROOT, "%.2f", rate * 100);
    }

    /** RFC 4180: a field with a comma, quote or line break goes in quotes, its quotes doubled. */
    private static String quoted(String s) {
        if (s.indexOf(',') < 0 && s.indexOf('"') < 0 && s.indexOf('\n') < 0 && s.indexOf('\r') < 0) {
            return s;
        }
        return '"' + s.replace("\"", "\"\"") + '"';
    }
}

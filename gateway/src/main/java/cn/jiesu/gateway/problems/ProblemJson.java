package cn.jiesu.gateway.problems;

import cn.jiesu.core.problems.ProblemAppeals;
import cn.jiesu.core.problems.ProblemKey;
import cn.jiesu.core.problems.RecurringProblem;
import cn.jiesu.core.problems.Seasonality;
import cn.jiesu.core.problems.Trend;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.YearMonth;
import java.util.List;
import java.util.Locale;

/** The JSON of the problems routes (openapi.json: Problems, ProblemAppeals). */
final class ProblemJson {
    private ProblemJson() {}

    static JsonObject key(ProblemKey k) {
        JsonObject o = new JsonObject()
                .put("topic", k.topic())
                .put("level", k.level().name().toLowerCase(Locale.ROOT));
        if (k.district() != null) {
            o.put("district", k.district());
        }
        if (k.street() != null) {
            o.put("street", k.street());
        }
        return o;
    }

    static JsonObject problem(RecurringProblem p, List<String> samples) {
        JsonArray months = new JsonArray();
        for (int i = 0; i < p.counts().size(); i++) {
            months.add(new JsonObject()
                    .put("month", p.from().plusMonths(i).toString())
                    .put("count", p.counts().get(i)));
        }
        JsonObject o = key(p.key())
                .put("months", months)
                .put("total", p.total())
                .put("monthsPresent", p.monthsPresent())
                .put("trend", trend(p.trend()))
                .put("seasonality", seasonality(p.seasonality()))
                .put("score", p.score())
                .put("sampleAppeals", new JsonArray(samples));
        YearMonth latest = p.latestMonth();
        if (latest != null) {
            o.put("appeals", link(p.key(), latest));
        }
        return o;
    }

    static JsonObject trend(Trend t) {
        return new JsonObject()
                .put("direction", t.direction().name().toLowerCase(Locale.ROOT))
                .put("ratio", t.ratio())
                .put("last3", t.last3())
                .put("previous3", t.previous3());
    }

    static JsonObject seasonality(Seasonality s) {
        JsonObject o = new JsonObject().put("status", s.status()).put("historyMonths", s.historyMonths());
        if (s.status().equals(Seasonality.OK)) {
            o.put("index", new JsonArray(s.index())).put("peakMonths", new JsonArray(s.peakMonths()));
        }
        return o;
    }

    static JsonObject appeals(ProblemKey k, YearMonth month, int offset, int limit, ProblemAppeals page) {
        JsonArray list = new JsonArray();
        page.ids()
                .forEach(e -> list.add(new JsonObject()
                        .put("intakeId", e.intakeId())
                        .put("receivedAt", e.receivedAt().toString())));
        JsonObject o = key(k).put("month", month.toString())
                .put("total", page.total())
                .put("kept", page.kept())
                .put("offset", offset)
                .put("limit", limit)
                .put("appeals", list);
        if (offset + page.ids().size() < page.kept()) {
            o.put("next", link(k, month) + "&offset=" + (offset + page.ids().size()) + "&limit=" + limit);
        }
        return o;
    }

    /** The appeals route of a pair and month. */
    static String link(ProblemKey k, YearMonth month) {
        StringBuilder s = new StringBuilder("/api/v1/problems/appeals?topic=").append(enc(k.topic()));
        if (k.district() != null) {
            s.append("&district=").append(enc(k.district()));
        }
        if (k.street() != null) {
            s.append("&street=").append(enc(k.street()));
        }
        return s.append("&month=").append(month).toString();
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }
}

package cn.jiesu.gateway.callback;

import cn.jiesu.core.place.District;
import cn.jiesu.core.place.Gazetteer;
import cn.jiesu.core.place.Unit;
import cn.jiesu.core.rates.RankedUnit;
import cn.jiesu.core.rates.RankingWeights;
import cn.jiesu.core.rates.RateCounts;
import cn.jiesu.core.rates.RateRanking;
import cn.jiesu.core.rates.RateScope;
import cn.jiesu.core.rates.RateStore;
import cn.jiesu.gateway.http.ApiError;
import cn.jiesu.gateway.http.MonthParam;
import cn.jiesu.gateway.http.QueryParams;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletionStage;

/**
 * {@code GET /api/v1/rates/ranking?month=YYYY-MM&format=json|csv}: every street-level unit of the gazetteer ranked by
 * its composite 三率 score for a month ({@link RateRanking}), with the city's totals and the unplaced appeals. The
 * month defaults to the current one in the configured zone. For the current month only the days up to today count
 * ({@code through}, {@code provisional}): its later days hold the deadlines still to come, which would put them in
 * 响应率's denominator before anyone could have answered them; 响应率 itself counts deadlines only through yesterday.
 */
public final class RankingRoutes {

    private final Vertx vertx;
    private final RateStore rates;
    private final Gazetteer gazetteer;
    private final RankingWeights weights;
    private final ZoneId zone;
    private final Clock clock;

    /** @param gazetteer null when none is configured: the route answers 404 */
    public RankingRoutes(
            Vertx vertx, RateStore rates, Gazetteer gazetteer, RankingWeights weights, ZoneId zone, Clock clock) {
        this.vertx = vertx;
        this.rates = rates;
        this.gazetteer = gazetteer;
        this.weights = weights;
        this.zone = zone;
        this.clock = clock;
    }

    public void mount(Router router) {
        router.get("/api/v1/rates/ranking").handler(this::ranking);
    }

    private void ranking(RoutingContext ctx) {
        YearMonth month = month(QueryParams.single(ctx.queryParams(), "month"));
        String given = QueryParams.single(ctx.queryParams(), "format");
        String format = given == null || given.isBlank() ? null : given.strip(); // empty as absent, as every parameter
        if (format != null && !format.equals("json") && !format.equals("csv")) {
            throw ApiError.badRequest("format", "format must be json (the default) or csv");
        }
        if (gazetteer == null) {
            throw ApiError.notFound("no gazetteer is configured (gazetteer.file), so there are no units to rank");
        }
        LocalDate from = month.atDay(1);
        LocalDate to = month.atEndOfMonth();
        LocalDate today = LocalDate.now(clock.withZone(zone));
        boolean provisional = !today.isBefore(from) && !today.isAfter(to);
        LocalDate through = provisional ? today : to;
        stage(rates.streets())
                .compose(streets -> read(streets, from, through, provisional))
                .onSuccess(r -> {
                    List<RankedUnit> ranked = new RateRanking(weights).rank(gazetteer, r.units());
                    if ("csv".equals(format)) {
                        ctx.response()
                                .putHeader("content-type", "text/csv; charset=utf-8")
                                .putHeader(
                                        "content-disposition",
                                        "attachment; filename=\"rates-ranking-" + month + ".csv\"")
                                .end(RankingCsv.render(ranked, r.total(), r.unplaced()));
                        return;
                    }
                    ctx.json(json(month, from, to, through, provisional, ranked, r));
                })
                .onFailure(ctx::fail);
    }

    /** The counts read for one ranking: each unit's (by {@link RateRanking#key}), the city's, the unplaced. */
    private record Read(Map<String, RateCounts> units, RateCounts total, RateCounts unplaced) {}

    private Future<Read> read(List<RateScope> streets, LocalDate from, LocalDate through, boolean provisional) {
        // Only units with counts are read: the others are zero, and a month of 343 units is 10,000 day hashes.
        Set<String> counted = new HashSet<>();
        streets.forEach(s -> counted.add(RateRanking.key(s.district(), s.street())));
        Map<String, Future<RateCounts>> reads = new HashMap<>();
        for (District d : gazetteer.districts()) {
            for (Unit u : d.units()) {
                String key = RateRanking.key(u);
                if (counted.contains(key)) {
                    reads.put(key, counts(from, through, provisional, u.district(), u.name()));
                }
            }
        }
        Future<RateCounts> total = counts(from, through, provisional, null, null);
        Future<RateCounts> unplaced = counts(from, through, provisional, RateScope.UNKNOWN, null);
        return Future.all(List.copyOf(reads.values()))
                .compose(x -> Future.all(total, unplaced))
                .map(x -> {
                    Map<String, RateCounts> units = new HashMap<>();
                    reads.forEach((k, f) -> units.put(k, f.result()));
                    return new Read(units, total.result(), unplaced.result());
                });
    }

    /**
     * A unit's counts through {@code through}; in the month still running, 响应率's due and in-time counts only
     * through yesterday: today's deadlines may still be met, and a unit whose one appeal is due tonight would top or
     * trail a published ranking at 0 % that nobody has missed yet.
     */
    private Future<RateCounts> counts(
            LocalDate from, LocalDate through, boolean provisional, String district, String street) {
        Future<RateCounts> all = stage(rates.counts(from, through, district, street));
        if (!provisional) {
            return all;
        }
        Future<RateCounts> passed = through.isAfter(from)
                ? stage(rates.counts(from, through.minusDays(1), district, street))
                : Future.succeededFuture(RateCounts.ZERO);
        return Future.all(all, passed).map(x -> all.result().withResponseOf(passed.result()));
    }

    private JsonObject json(
            YearMonth month,
            LocalDate from,
            LocalDate to,
            LocalDate through,
            boolean provisional,
            List<RankedUnit> ranked,
            Read r) {
        JsonArray list = new JsonArray();
        long scored = 0;
        for (RankedUnit u : ranked) {
            JsonObject e = CallbackJson.of(u.counts())
                    .put("rank", u.rank())
                    .put("district", u.unit().district())
                    .put("street", u.unit().name())
                    .put("kind", u.unit().kind().suffix())
                    .put("received", u.counts().received())
                    .put("score", u.score());
            scored += u.score() == null ? 0 : 1;
            list.add(e);
        }
        return new JsonObject()
                .put("month", month.toString())
                .put("from", from.toString())
                .put("to", to.toString())
                .put("through", through.toString())
                .put("provisional", provisional)
                .put("zone", zone.getId())
                .put("city", gazetteer.city())
                .put(
                        "weights",
                        new JsonObject()
                                .put("response", weights.response())
                                .put("resolution", weights.resolution())
                                .put("satisfaction", weights.satisfaction()))
                .put("units", ranked.size())
                .put("scored", scored)
                .put("total", CallbackJson.of(r.total()))
                .put("unplaced", CallbackJson.of(r.unplaced()))
                .put("ranking", list);
    }

    private YearMonth month(String raw) {
        YearMonth m = MonthParam.parse("month", raw);
        return m != null ? m : YearMonth.now(clock.withZone(zone));
    }

    private <T> Future<T> stage(CompletionStage<T> s) {
        return Future.fromCompletionStage(s, vertx.getOrCreateContext());
    }
}

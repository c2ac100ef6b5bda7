package cn.jiesu.gateway.problems;

import cn.jiesu.core.problems.ProblemAppeals;
import cn.jiesu.core.problems.ProblemKey;
import cn.jiesu.core.problems.ProblemLevel;
import cn.jiesu.core.problems.ProblemQuery;
import cn.jiesu.core.problems.ProblemRanking;
import cn.jiesu.core.problems.ProblemStore;
import cn.jiesu.core.problems.RecurringProblem;
import cn.jiesu.gateway.http.ApiError;
import cn.jiesu.gateway.http.KnownNames;
import cn.jiesu.gateway.http.MonthParam;
import cn.jiesu.gateway.http.QueryParams;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.CompletionStage;

/**
 * {@code GET /api/v1/problems}: the (topic, place) pairs that keep coming back over a range of months, ranked
 * ({@link ProblemRanking}; docs/problems.md), and {@code GET /api/v1/problems/appeals}: the appeals behind one pair
 * in one month, newest first, paged. Both under the case API's guard (/api/).
 */
public final class ProblemRoutes {
    private final KnownNames names;
    /** The sample appeals each ranked pair carries, newest first. */
    static final int SAMPLES = 5;

    static final int DEFAULT_LIMIT = 50;
    static final int MAX_LIMIT = 500;
    static final int DEFAULT_PAGE = 100;
    static final int MAX_OFFSET = 100_000;

    private final Vertx vertx;
    private final ProblemStore store;
    private final ProblemRanking ranking;
    private final ZoneId zone;
    private final Clock clock;
    private final int floor;

    public ProblemRoutes(
            Vertx vertx, ProblemStore store, ProblemsConfig config, KnownNames names, ZoneId zone, Clock clock) {
        this.names = names;
        this.vertx = vertx;
        this.store = store;
        this.ranking = new ProblemRanking(config.floor());
        this.floor = config.floor();
        this.zone = zone;
        this.clock = clock;
    }

    public void mount(Router router) {
        router.get("/api/v1/problems").handler(this::problems);
        router.get("/api/v1/problems/appeals").handler(this::appeals);
    }

    private void problems(RoutingContext ctx) {
        MultiMap q = ctx.queryParams();
        YearMonth from = ProblemParams.month("from", QueryParams.single(q, "from"));
        YearMonth to = ProblemParams.month("to", QueryParams.single(q, "to"));
        boolean toGiven = to != null;
        if (to == null) {
            to = YearMonth.now(clock.withZone(zone));
        }
        if (from == null) {
            // Never before the first month a parameter may name: to=2000-01 alone is 2000-01..2000-01.
            from = to.minusMonths(11).isBefore(MonthParam.FIRST) ? MonthParam.FIRST : to.minusMonths(11);
        }
        if (from.isAfter(to)) {
            throw ApiError.badRequest(
                    "from",
                    "'from' must not be after 'to'" + (toGiven ? "" : " (" + to + ", the current month, when absent)"));
        }
        if (ProblemQuery.span(from, to) > ProblemQuery.MAX_SPAN) {
            throw ApiError.badRequest(
                    "from", "from..to spans at most " + ProblemQuery.MAX_SPAN + " months; ask for a shorter range");
        }
        ProblemLevel level = ProblemParams.level(QueryParams.single(q, "level"));
        ProblemQuery query = new ProblemQuery(
                from,
                to,
                names.topic("topic", ProblemParams.topic(QueryParams.single(q, "topic"), false)),
                names.district("district", ProblemParams.place("district", QueryParams.single(q, "district"))),
                level == null ? null : EnumSet.of(level),
                ProblemParams.integer("limit", QueryParams.single(q, "limit"), 1, MAX_LIMIT, DEFAULT_LIMIT));
        JsonObject head = new JsonObject()
                .put("from", from.toString())
                .put("to", to.toString())
                .put("zone", zone.getId())
                .put("floor", floor);
        stage(store.counts(ProblemRanking.historyFrom(query), to))
                .map(counts -> ranking.rank(counts, query))
                .compose(this::withSamples)
                .map(list -> head.put("problems", list))
                .onSuccess(ctx::json)
                .onFailure(ctx::fail);
    }

    private Future<JsonArray> withSamples(List<RecurringProblem> ranked) {
        List<Future<JsonObject>> each = ranked.stream()
                .map(p -> samples(p).map(s -> ProblemJson.problem(p, s)))
                .toList();
        return Future.all(each).map(all -> {
            JsonArray out = new JsonArray();
            each.forEach(f -> out.add(f.result()));
            return out;
        });
    }

    /** The newest appeals of the pair's last two months with appeals in the range, newest first, at most 5. */
    private Future<List<String>> samples(RecurringProblem p) {
        List<YearMonth> months = new ArrayList<>();
        for (int i = p.counts().size() - 1; i >= 0 && months.size() < 2; i--) {
            if (p.counts().get(i) > 0) {
                months.add(p.from().plusMonths(i));
            }
        }
        List<Future<ProblemAppeals>> pages = months.stream()
                .map(m -> stage(store.appeals(p.key(), m, 0, SAMPLES)))
                .toList();
        return Future.all(pages)
                .map(all -> pages.stream()
                        .flatMap(f -> f.result().ids().stream())
                        .map(ProblemAppeals.Entry::intakeId)
                        .limit(SAMPLES)
                        .toList());
    }

    private void appeals(RoutingContext ctx) {
        MultiMap q = ctx.queryParams();
        String topic = names.topic("topic", ProblemParams.topic(QueryParams.single(q, "topic"), true));
        String district =
                names.district("district", ProblemParams.place("district", QueryParams.single(q, "district")));
        String street =
                names.street("street", district, ProblemParams.place("street", QueryParams.single(q, "street")));
        if (street != null && district == null) {
            throw ApiError.badRequest("street", "'street' needs 'district'");
        }
        YearMonth month = ProblemParams.month("month", QueryParams.single(q, "month"));
        if (month == null) {
            throw ApiError.badRequest("month", "'month' is required (YYYY-MM)");
        }
        int offset = ProblemParams.integer("offset", QueryParams.single(q, "offset"), 0, MAX_OFFSET, 0);
        int limit = ProblemParams.integer("limit", QueryParams.single(q, "limit"), 1, MAX_LIMIT, DEFAULT_PAGE);
        ProblemKey key = new ProblemKey(topic, district, street);
        stage(store.appeals(key, month, offset, limit))
                .map(page -> ProblemJson.appeals(key, month, offset, limit, page))
                .onSuccess(ctx::json)
                .onFailure(ctx::fail);
    }

    private <T> Future<T> stage(CompletionStage<T> s) {
        return Future.fromCompletionStage(s, vertx.getOrCreateContext());
    }
}

package cn.jiesu.gateway.callback;

import cn.jiesu.core.intake.DateBounds;
import cn.jiesu.core.place.Gazetteer;
import cn.jiesu.core.rates.RatePeriod;
import cn.jiesu.core.rates.RateScope;
import cn.jiesu.core.rates.RateStore;
import cn.jiesu.gateway.http.ApiError;
import cn.jiesu.gateway.http.KnownNames;
import cn.jiesu.gateway.http.QueryParams;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;

/**
 * {@code GET /api/v1/rates?period=day|week|month&date=YYYY-MM-DD&district=...&street=...}: 三率 of a period, overall
 * or for one district or street; {@code by=district} adds one entry per district, {@code by=street} one per street
 * (of the district, when one is given) in the gazetteer's order, with the appeals placed in a district only and the
 * unplaced ones apart. The formulas are on {@link cn.jiesu.core.rates.RateCounts}. The date defaults to today in the
 * configured zone.
 */
public final class RateRoutes {
    private final Vertx vertx;
    private final RateStore rates;
    private final ZoneId zone;
    private final Clock clock;
    private final GazetteerOrder order;

    private final KnownNames names;

    /** @param gazetteer the city's units, for the order of {@code by=street} and to check names; null: pinyin order */
    public RateRoutes(Vertx vertx, RateStore rates, ZoneId zone, Clock clock, Gazetteer gazetteer) {
        this.vertx = vertx;
        this.rates = rates;
        this.zone = zone;
        this.clock = clock;
        this.order = new GazetteerOrder(gazetteer);
        this.names = new KnownNames(null, gazetteer);
    }

    public void mount(Router router) {
        router.get("/api/v1/rates").handler(this::rates);
    }

    private void rates(RoutingContext ctx) {
        RatePeriod period = period(QueryParams.single(ctx.queryParams(), "period"));
        LocalDate date = date(QueryParams.single(ctx.queryParams(), "date"));
        String district = names.district("district", QueryParams.single(ctx.queryParams(), "district"));
        String street = names.street("street", district, QueryParams.single(ctx.queryParams(), "street"));
        if (street != null && district == null) {
            throw ApiError.badRequest("street", "'street' needs 'district'");
        }
        String by = QueryParams.single(ctx.queryParams(), "by");
        if (by != null && !by.equals("district") && !by.equals("street")) {
            throw ApiError.badRequest("by", "'by' can only be 'district' or 'street'");
        }
        if (street != null && "street".equals(by)) {
            throw ApiError.badRequest("by", "'by=street' lists the streets of a district or the city, not of a street");
        }
        // A week or month around a date near the bounds can reach past them (the week of 9999-12-27 ends
        // 10000-01-02), which neither the answer's "to" nor the store's day keys can be written for.
        if (!DateBounds.contains(period.start(date)) || !DateBounds.contains(period.end(date))) {
            throw ApiError.badRequest(
                    "date",
                    "the " + period.name().toLowerCase(Locale.ROOT) + " of " + date
                            + " reaches past the dates a period may span (" + DateBounds.describe()
                            + "); give a date whose "
                            + period.name().toLowerCase(Locale.ROOT) + " lies within them");
        }
        // The period holding today counts only its days so far: its later days hold deadlines nobody could have met
        // yet, which would sink 响应率 (a month read on its 2nd would be near 0 %).
        LocalDate from = period.start(date);
        LocalDate today = LocalDate.now(clock.withZone(zone));
        boolean provisional = !today.isBefore(from) && !today.isAfter(period.end(date));
        LocalDate through = provisional ? today : period.end(date);
        JsonObject head = new JsonObject()
                .put("period", period.name().toLowerCase(Locale.ROOT))
                .put("from", from.toString())
                .put("to", period.end(date).toString())
                .put("through", through.toString())
                .put("provisional", provisional)
                .put("zone", zone.getId());
        if (district != null) {
            head.put("district", district);
        }
        if (street != null) {
            head.put("street", street);
        }
        Future<JsonObject> main = stage(rates.counts(from, through, district, street))
                .map(c -> CallbackJson.of(c).mergeIn(head));
        if (by == null) {
            main.onSuccess(ctx::json).onFailure(ctx::fail);
            return;
        }
        if (by.equals("street")) {
            main.compose(out -> byStreet(out, from, through, district))
                    .onSuccess(ctx::json)
                    .onFailure(ctx::fail);
            return;
        }
        main.compose(out -> stage(rates.districts()).compose(names -> {
                    List<Future<JsonObject>> each = names.stream()
                            .map(d -> stage(rates.counts(from, through, d, null))
                                    .map(c -> CallbackJson.of(c).put("district", d)))
                            .toList();
                    return Future.all(each).map(all -> {
                        JsonArray list = new JsonArray();
                        each.forEach(f -> list.add(f.result()));
                        return out.put("districts", list);
                    });
                }))
                .onSuccess(ctx::json)
                .onFailure(ctx::fail);
    }

    /**
     * One entry per street with counts in the period, in the gazetteer's order; {@code streetUnknown}: per district, the appeals
     * placed in it but in no street; {@code unplaced}: the appeals the gazetteer could not place (city-wide only).
     */
    private Future<JsonObject> byStreet(JsonObject out, LocalDate from, LocalDate through, String district) {
        return stage(rates.streets()).compose(all -> {
            List<RateScope> scopes = all.stream()
                    .filter(s -> !s.district().equals(RateScope.UNKNOWN))
                    .filter(s -> district == null || s.district().equals(RateScope.clean(district)))
                    .sorted(order)
                    .toList();
            List<Future<JsonObject>> each = scopes.stream()
                    .map(s -> stage(rates.counts(from, through, s.district(), s.street()))
                            .map(c -> CallbackJson.of(c)
                                    .put("district", s.district())
                                    .put("street", s.street())))
                    .toList();
            Future<JsonObject> unplaced = district != null
                    ? Future.succeededFuture(null)
                    : stage(rates.counts(from, through, RateScope.UNKNOWN, null))
                            .map(CallbackJson::of);
            return Future.all(Future.all(each), unplaced).map(x -> {
                JsonArray streets = new JsonArray();
                JsonArray streetUnknown = new JsonArray();
                for (Future<JsonObject> f : each) {
                    JsonObject e = f.result();
                    // The scope set holds every street ever counted; one with nothing in this period is left out.
                    if (e.getJsonObject("counts").stream().allMatch(c -> ((Number) c.getValue()).longValue() == 0)) {
                        continue;
                    }
                    if (e.getString("street").equals(RateScope.UNKNOWN)) {
                        e.remove("street");
                        streetUnknown.add(e);
                    } else {
                        streets.add(e);
                    }
                }
                out.put("streets", streets).put("streetUnknown", streetUnknown);
                if (unplaced.result() != null) {
                    out.put("unplaced", unplaced.result());
                }
                return out;
            });
        });
    }

    private <T> Future<T> stage(java.util.concurrent.CompletionStage<T> s) {
        return Future.fromCompletionStage(s, vertx.getOrCreateContext());
    }

    private static RatePeriod period(String raw) {
        if (raw == null || raw.isBlank()) {
            return RatePeriod.DAY;
        }
        try {
            return RatePeriod.valueOf(raw.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw ApiError.badRequest("period", "period must be day, week or month");
        }
    }

    private LocalDate date(String raw) {
        if (raw == null || raw.isBlank()) {
            return LocalDate.now(clock.withZone(zone));
        }
        LocalDate date;
        try {
            date = LocalDate.parse(raw.trim());
        } catch (DateTimeParseException e) {
            throw ApiError.badRequest("date", "date must be YYYY-MM-DD");
        }
        if (!DateBounds.contains(date)) {
            throw ApiError.badRequest("date", "date must be YYYY-MM-DD with " + DateBounds.describe());
        }
        return date;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}

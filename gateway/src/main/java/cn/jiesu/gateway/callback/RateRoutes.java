package cn.jiesu.gateway.callback;

import cn.jiesu.core.intake.DateBounds;
import cn.jiesu.core.rates.RatePeriod;
import cn.jiesu.core.rates.RateStore;
import cn.jiesu.gateway.http.ApiError;
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
 * or for one district or street; {@code by=district} adds one entry per district. The formulas are on
 * {@link cn.jiesu.core.rates.RateCounts}. The date defaults to today in the configured zone.
 */
public final class RateRoutes {
    private final Vertx vertx;
    private final RateStore rates;
    private final ZoneId zone;
    private final Clock clock;

    public RateRoutes(Vertx vertx, RateStore rates, ZoneId zone, Clock clock) {
        this.vertx = vertx;
        this.rates = rates;
        this.zone = zone;
        this.clock = clock;
    }

    public void mount(Router router) {
        router.get("/api/v1/rates").handler(this::rates);
    }

    private void rates(RoutingContext ctx) {
        RatePeriod period = period(ctx.queryParams().get("period"));
        LocalDate date = date(ctx.queryParams().get("date"));
        String district = blankToNull(ctx.queryParams().get("district"));
        String street = blankToNull(ctx.queryParams().get("street"));
        if (street != null && district == null) {
            throw ApiError.badRequest("street", "'street' needs 'district'");
        }
        String by = ctx.queryParams().get("by");
        if (by != null && !by.equals("district")) {
            throw ApiError.badRequest("by", "'by' can only be 'district'");
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
        JsonObject head = new JsonObject()
                .put("period", period.name().toLowerCase(Locale.ROOT))
                .put("from", period.start(date).toString())
                .put("to", period.end(date).toString())
                .put("zone", zone.getId());
        if (district != null) {
            head.put("district", district);
        }
        if (street != null) {
            head.put("street", street);
        }
        Future<JsonObject> main = stage(rates.counts(period, date, district, street))
                .map(c -> CallbackJson.of(c).mergeIn(head));
        if (by == null) {
            main.onSuccess(ctx::json).onFailure(ctx::fail);
            return;
        }
        main.compose(out -> stage(rates.districts()).compose(names -> {
                    List<Future<JsonObject>> each = names.stream()
                            .map(d -> stage(rates.counts(period, date, d, null))
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

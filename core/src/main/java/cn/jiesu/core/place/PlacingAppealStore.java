package cn.jiesu.core.place;

import cn.jiesu.core.appeal.AppealRecord;
import cn.jiesu.core.appeal.AppealStatus;
import cn.jiesu.core.appeal.AppealStore;
import cn.jiesu.core.appeal.AppendResult;
import cn.jiesu.core.intake.Intake;
import cn.jiesu.core.intake.Location;
import cn.jiesu.core.intake.PlaceMark;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;

/**
 * Places every appeal in the gazetteer on its way into the queue, whatever its channel: the one point all channels
 * and the phone append through, so no adapter can forget it. The mark is decided once, before the append, so a
 * duplicate delivery carries the same mark and the stream entry tells the case system where the appeal is.
 *
 * <p>What the resolver reads: the location's district, street and community fields and address text (as one
 * address), the title and content when those place nothing, and the channel's position converted to WGS-84.
 */
public final class PlacingAppealStore implements AppealStore {
    private final AppealStore delegate;
    private final PlaceResolver resolver;
    private final Consumer<PlaceResolution> placed;

    /** @param placed told of every resolution (for the resolved/unresolved counters); must not block */
    public PlacingAppealStore(AppealStore delegate, PlaceResolver resolver, Consumer<PlaceResolution> placed) {
        this.delegate = delegate;
        this.resolver = resolver;
        this.placed = placed;
    }

    @Override
    public CompletionStage<AppendResult> append(Intake intake) {
        if (intake.place() != null) {
            return delegate.append(intake);
        }
        PlaceResolution r = resolve(intake);
        placed.accept(r);
        return delegate.append(r.resolved() ? intake.toBuilder().place(mark(r)).build() : intake);
    }

    /** Where the resolver puts this intake; also what the hotspot watch uses for an appeal enriched later. */
    public PlaceResolution resolve(Intake intake) {
        return resolve(resolver, intake.location(), intake.title(), intake.content());
    }

    /**
     * Where {@code resolver} puts an appeal with this location, title and content: what an append does, shared with
     * the history import so an imported appeal is placed exactly as a live one.
     */
    public static PlaceResolution resolve(PlaceResolver resolver, Location l, String title, String content) {
        String address = l == null ? null : join(l.district(), l.street(), l.community(), l.addressText());
        String description = join(title, content);
        LatLon position = l == null || l.lat() == null ? null : ChinaCoordinates.toWgs84(l.lat(), l.lon(), l.crs());
        return resolver.resolve(address, description, position);
    }

    public static PlaceMark mark(PlaceResolution r) {
        return new PlaceMark(
                r.district().name(),
                r.unit() == null ? null : r.unit().name(),
                Math.round(r.confidence() * 100) / 100.0);
    }

    private static String join(String... parts) {
        StringBuilder b = new StringBuilder();
        for (String p : parts) {
            if (p != null && !p.isBlank()) {
                b.append(b.isEmpty() ? "" : " ").append(p);
            }
        }
        return b.isEmpty() ? null : b.toString();
    }

    @Override
    public CompletionStage<Optional<AppealRecord>> byId(String intakeId) {
        return delegate.byId(intakeId);
    }

    @Override
    public CompletionStage<Optional<AppealRecord>> byAppealNo(String appealNo) {
        return delegate.byAppealNo(appealNo);
    }

    @Override
    public CompletionStage<Optional<AppealRecord>> byIdOrAppealNo(String id) {
        return delegate.byIdOrAppealNo(id);
    }

    @Override
    public CompletionStage<List<AppealRecord>> byPhone(String phone, int limit) {
        return delegate.byPhone(phone, limit);
    }

    @Override
    public CompletionStage<Boolean> updateStatus(String intakeId, AppealStatus status, Instant at) {
        return delegate.updateStatus(intakeId, status, at);
    }
}

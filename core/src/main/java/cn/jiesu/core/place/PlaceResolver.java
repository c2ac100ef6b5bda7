package cn.jiesu.core.place;

import java.util.ArrayList;
import java.util.List;

/**
 * Places an appeal in a district and street-level unit from its address text, its description when the address
 * places nothing, and a channel's position, with a confidence. It answers {@link PlaceResolution.Level#NONE}
 * rather than guess: an unresolved appeal is counted as such, a wrongly placed one misleads a street's 三率
 * ranking.
 *
 * <p>Immutable; build once per gazetteer and share between threads. A typical address resolves in about 8 µs
 * (GazetteerFileTest: the 178 held-out texts x 1000 rounds after warm-up, 2 busy cores).
 */
public final class PlaceResolver {
    /** Coordinates further than this from every known unit centroid are not placed. */
    static final double POSITION_RADIUS_KM = 2.0;

    // A position is below any text because centroids are approximate and units are not circles.
    private static final double POSITION = 0.5;
    private static final double POSITION_IN_NAMED_DISTRICT = 0.6;
    /** A description is not written to say where; the same names in it are a little less sure. */
    private static final double DESCRIPTION_FACTOR = 0.9;

    private static final String OUTSIDE = "outside the city";

    private final Gazetteer gazetteer;
    private final NameIndex index;

    public PlaceResolver(Gazetteer gazetteer) {
        this.gazetteer = gazetteer;
        this.index = new NameIndex(gazetteer, new PlaceText());
    }

    public Gazetteer gazetteer() {
        return gazetteer;
    }

    /**
     * @param address     the appeal's address field, or null
     * @param description the appeal's text, read only when the address places nothing (and does not say it is
     *                    outside the city): an address field of 北京市 or 小区门口 says less than the text may
     * @param position    where the channel says the citizen is, or null; used when the text gives no unit
     */
    public PlaceResolution resolve(String address, String description, LatLon position) {
        PlaceResolution r = text(address, 1.0);
        if (!r.resolved() && !r.note().equals(OUTSIDE) && description != null) {
            r = text(description, DESCRIPTION_FACTOR);
        }
        if (r.level() != PlaceResolution.Level.UNIT
                && position != null
                && !r.note().equals(OUTSIDE)) {
            PlaceResolution near = near(position, r.district());
            if (near != null) {
                return near;
            }
        }
        return r;
    }

    /** The address text alone. */
    public PlaceResolution resolve(String address) {
        return resolve(address, null, null);
    }

    private PlaceResolution text(String text, double factor) {
        if (text == null || text.isBlank()) {
            return PlaceResolution.unresolved(List.of(), "no text");
        }
        List<NameIndex.Found> found = index.find(text);
        List<String> matched = new ArrayList<>();
        List<District> named = new ArrayList<>(2);
        List<District> areas = new ArrayList<>(2);
        List<Name.InUnit> hits = new ArrayList<>();
        boolean outside = false;
        for (NameIndex.Found f : found) {
            matched.add(f.text());
            for (Name n : f.names()) {
                switch (n) {
                    case Name.InDistrict d -> UnitChoice.addOnce(named, d.district());
                    case Name.Area a -> UnitChoice.addOnce(areas, a.district());
                    case Name.InUnit u -> hits.add(u);
                    case Name.Outside o -> outside = true;
                    case Name.City c -> {}
                }
            }
        }
        if (outside && named.isEmpty()) {
            return PlaceResolution.unresolved(matched, OUTSIDE);
        }
        PlaceResolution r = named.isEmpty()
                ? UnitChoice.withoutDistrict(hits, areas, matched)
                : UnitChoice.withDistrict(named, hits, matched);
        return factor == 1.0 || !r.resolved() ? r : scaled(r, factor);
    }

    private static PlaceResolution scaled(PlaceResolution r, double factor) {
        return new PlaceResolution(
                r.level(),
                r.district(),
                r.unit(),
                r.confidence() * factor,
                r.matched(),
                r.note() + ", from the description");
    }

    /** The unit whose centroid is nearest, within {@link #POSITION_RADIUS_KM} and inside {@code district} if set. */
    private PlaceResolution near(LatLon p, District district) {
        Unit best = null;
        District bestDistrict = null;
        double bestKm = POSITION_RADIUS_KM;
        for (District d : gazetteer.districts()) {
            if (district != null && d != district) {
                continue;
            }
            for (Unit u : d.units()) {
                if (u.centroid() != null && u.centroid().kilometresTo(p) <= bestKm) {
                    bestKm = u.centroid().kilometresTo(p);
                    best = u;
                    bestDistrict = d;
                }
            }
        }
        if (best == null) {
            return null;
        }
        return PlaceResolution.unit(
                bestDistrict,
                best,
                district != null ? POSITION_IN_NAMED_DISTRICT : POSITION,
                List.of(p.lat() + "," + p.lon()),
                String.format("position %.1f km from the unit's centroid", bestKm));
    }
}

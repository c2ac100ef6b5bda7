package cn.jiesu.core.place;

import java.util.List;
import java.util.Objects;

/**
 * Where an appeal is, as far as its text or position says.
 *
 * @param district   null when {@link Level#NONE}
 * @param unit       null unless {@link Level#UNIT}
 * @param confidence 0..1: how sure the resolver is of what it returns (1 would be a street office's own record)
 * @param matched    the names in the text (or "lat,lon") the answer rests on, in the order found
 * @param note       why, in a few words (for an agent or an audit), e.g. "unit named in another district"
 */
public record PlaceResolution(
        Level level, District district, Unit unit, double confidence, List<String> matched, String note) {

    /** How far the appeal was placed. */
    public enum Level {
        /** District and street-level unit known. */
        UNIT,
        /** Only the district is known. */
        DISTRICT,
        /** Not placed: counted as unresolved, never guessed. */
        NONE
    }

    public PlaceResolution {
        Objects.requireNonNull(level, "level");
        if ((level == Level.NONE) != (district == null) || (level == Level.UNIT) != (unit != null)) {
            throw new IllegalArgumentException(level + " with district " + district + " and unit " + unit);
        }
        if (!(confidence >= 0 && confidence <= 1)) {
            throw new IllegalArgumentException("confidence must be in 0..1, was " + confidence);
        }
        matched = List.copyOf(matched);
    }

    static PlaceResolution unresolved(List<String> matched, String note) {
        return new PlaceResolution(Level.NONE, null, null, 0, matched, note);
    }

    static PlaceResolution district(District d, double confidence, List<String> matched, String note) {
        return new PlaceResolution(Level.DISTRICT, d, null, confidence, matched, note);
    }

    static PlaceResolution unit(District d, Unit u, double confidence, List<String> matched, String note) {
        return new PlaceResolution(Level.UNIT, d, u, confidence, matched, note);
    }

    public boolean resolved() {
        return level != Level.NONE;
    }
}

package cn.jiesu.core.place;

/**
 * A well-known name (a residential compound, road, landmark, station) that points into a district.
 *
 * @param unit the full name of the unit it lies in, or null when it spans several units and only the district
 *             can be known from it (中关村大街, 天通苑)
 */
public record Place(String name, String district, String unit) {
    public Place {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("place: a name is required");
        }
        if (district == null || district.isBlank()) {
            throw new IllegalArgumentException("place " + name + ": district required");
        }
    }
}

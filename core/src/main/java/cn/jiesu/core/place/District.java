package cn.jiesu.core.place;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A district (区) with its street-level units and the places that point into them.
 *
 * @param centroid approximate centre, or null when unknown
 */
public record District(String name, List<String> aliases, LatLon centroid, List<Unit> units, List<Place> places) {
    public District {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("name: required");
        }
        aliases = List.copyOf(aliases);
        units = List.copyOf(units);
        places = List.copyOf(places);
        Set<String> unitNames = new HashSet<>();
        for (Unit u : units) {
            if (!u.district().equals(name)) {
                throw new IllegalArgumentException("unit " + u.name() + " says it is in " + u.district());
            }
            if (!unitNames.add(u.name())) {
                throw new IllegalArgumentException("unit " + u.name() + " is listed twice");
            }
        }
        Set<String> placeNames = new HashSet<>();
        for (Place p : places) {
            if (!p.district().equals(name)) {
                throw new IllegalArgumentException("place " + p.name() + " says it is in " + p.district());
            }
            if (p.unit() != null && !unitNames.contains(p.unit())) {
                throw new IllegalArgumentException("place " + p.name() + ": no unit " + p.unit() + " in " + name);
            }
            if (!placeNames.add(p.name())) {
                throw new IllegalArgumentException("place " + p.name() + " is listed twice");
            }
        }
    }

    /** Its name: a resolution's or a log line's text must not list every unit and place of the district. */
    @Override
    public String toString() {
        return name;
    }

    /** The unit of that full name, or null. */
    public Unit unit(String unitName) {
        for (Unit u : units) {
            if (u.name().equals(unitName)) {
                return u;
            }
        }
        return null;
    }
}

package cn.jiesu.core.place;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * One city's districts, street-level units and places (config/gazetteer/&lt;city&gt;.yaml), the data a
 * {@link PlaceResolver} indexes.
 *
 * @param aliases other ways to write the city's name (北京); naming the city says nothing about the district
 * @param outside names of places outside the city: an address naming one and no district stays unresolved
 */
public record Gazetteer(String city, List<String> aliases, List<String> outside, List<District> districts) {
    public Gazetteer {
        if (city == null || city.isBlank()) {
            throw new IllegalArgumentException("city: required");
        }
        aliases = List.copyOf(aliases);
        outside = List.copyOf(outside);
        districts = List.copyOf(districts);
        if (districts.isEmpty()) {
            throw new IllegalArgumentException("districts: at least one");
        }
        Set<String> names = new HashSet<>();
        for (District d : districts) {
            if (!names.add(d.name())) {
                throw new IllegalArgumentException("district " + d.name() + " is listed twice");
            }
        }
    }

    @Override
    public String toString() {
        return "Gazetteer[" + city + ", " + districts.size() + " districts, " + unitCount() + " units]";
    }

    public int unitCount() {
        return districts.stream().mapToInt(d -> d.units().size()).sum();
    }
}

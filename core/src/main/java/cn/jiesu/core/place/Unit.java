package cn.jiesu.core.place;

import java.util.List;
import java.util.Objects;

/**
 * A street-level unit (街道, 镇, 乡, 地区): what a city ranks by 三率 and where a hotspot is.
 *
 * @param name     full name, unique within its district (望京街道)
 * @param district the full name of its district (朝阳区)
 * @param aliases  other names that match on their own (望京); the short form is derived, see {@link #shortName}
 * @param centroid  approximate centre, or null when the gazetteer does not know it
 * @param shortForm how the derived short form may match
 */
public record Unit(
        String name, String district, UnitKind kind, List<String> aliases, LatLon centroid, ShortForm shortForm) {
    private static final List<String> ETHNIC = List.of("满族蒙古族乡", "满族乡", "回族乡", "蒙古族乡");

    public Unit {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(shortForm, "shortForm");
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("name: required");
        }
        if (district == null || district.isBlank()) {
            throw new IllegalArgumentException("district: required");
        }
        aliases = List.copyOf(aliases);
    }

    /**
     * The name without its kind (望京街道 → 望京, 于家务回族乡 → 于家务), as citizens write it; null when that would
     * leave fewer than two characters (杨镇, 张镇 have no short form).
     */
    public String shortName() {
        String base = name;
        for (String e : ETHNIC) {
            if (base.endsWith(e)) {
                base = base.substring(0, base.length() - e.length());
                return base.length() >= 2 ? base : null;
            }
        }
        for (UnitKind k : UnitKind.values()) {
            if (base.endsWith(k.suffix())) {
                base = base.substring(0, base.length() - k.suffix().length());
                return base.length() >= 2 ? base : null;
            }
        }
        return null;
    }

    /** A unit whose short form matches as {@link ShortForm#AUTO}. */
    public Unit(String name, String district, UnitKind kind, List<String> aliases, LatLon centroid) {
        this(name, district, kind, aliases, centroid, ShortForm.AUTO);
    }

    @Override
    public String toString() {
        return district + name;
    }
}

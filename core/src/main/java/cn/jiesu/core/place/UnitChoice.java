package cn.jiesu.core.place;

import cn.jiesu.core.place.Name.Strength;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Chooses the unit among the names found in one text. The rules, in order: an explicit district filters the units
 * (a unit named in another district only lowers the confidence); the strongest kind of name wins (full name, then a
 * place inside a unit, then an alias: 回龙观龙泽苑 is in 龙泽园, not 回龙观); two units at the strongest level give
 * only their district, or nothing when they lie in different districts.
 *
 * <p>Districts and units are compared by identity: they come from one gazetteer, and a record's value hash would
 * walk every unit of a district on each comparison.
 */
final class UnitChoice {
    // A full unit name with its district is as good as text gets; each weaker sign takes some off.
    private static final double WITH_DISTRICT_FULL = 0.95;
    private static final double WITH_DISTRICT_ALIAS = 0.9;
    private static final double WITH_DISTRICT_WEAK = 0.8;
    private static final double WITHOUT_DISTRICT_FULL = 0.85;
    private static final double WITHOUT_DISTRICT_PLACE = 0.8;
    private static final double WITHOUT_DISTRICT_ALIAS = 0.75;
    private static final double DISTRICT_NAMED = 0.9;
    private static final double DISTRICT_FROM_AREA = 0.75;
    private static final double DISTRICT_AMBIGUOUS_UNIT = 0.7;
    private static final double DISTRICT_IN_CONFLICT = 0.6;
    private static final double DISAGREEMENT_PENALTY = 0.1;
    private static final double CONFLICT_PENALTY = 0.2;

    private UnitChoice() {}

    static PlaceResolution withDistrict(List<District> named, List<Name.InUnit> hits, List<String> matched) {
        List<Name.InUnit> inside = new ArrayList<>();
        boolean elsewhere = false;
        for (Name.InUnit h : hits) {
            if (containsSame(named, h.district())) {
                inside.add(h);
            } else if (h.strength() != Strength.WEAK) {
                elsewhere = true;
            }
        }
        if (inside.isEmpty()) {
            if (named.size() > 1) {
                return PlaceResolution.unresolved(matched, "several districts named");
            }
            return elsewhere
                    ? PlaceResolution.district(
                            named.get(0), DISTRICT_IN_CONFLICT, matched, "unit named in another district")
                    : PlaceResolution.district(named.get(0), DISTRICT_NAMED, matched, "district named");
        }
        Strength best = strongest(inside);
        List<Name.InUnit> top = distinctUnits(inside, best);
        if (top.size() > 1) {
            return ambiguous(top, DISTRICT_AMBIGUOUS_UNIT, matched);
        }
        Name.InUnit hit = top.get(0);
        double c = switch (best) {
            case FULL -> WITH_DISTRICT_FULL;
            case PLACE, ALIAS -> WITH_DISTRICT_ALIAS;
            case WEAK -> WITH_DISTRICT_WEAK;
        };
        String note = "district and " + best.name().toLowerCase(Locale.ROOT) + " name";
        if (inside.stream().anyMatch(h -> h.unit() != hit.unit())) {
            c -= DISAGREEMENT_PENALTY;
            note += "; a less specific name points elsewhere";
        }
        if (named.size() > 1 || elsewhere) {
            c -= CONFLICT_PENALTY;
            note += "; another district is named too";
        }
        return PlaceResolution.unit(hit.district(), hit.unit(), c, matched, note);
    }

    static PlaceResolution withoutDistrict(List<Name.InUnit> hits, List<District> areas, List<String> matched) {
        List<Name.InUnit> strong =
                hits.stream().filter(h -> h.strength() != Strength.WEAK).toList();
        if (strong.isEmpty()) {
            if (areas.size() == 1) {
                return PlaceResolution.district(
                        areas.get(0), DISTRICT_FROM_AREA, matched, "a place spanning several units");
            }
            return PlaceResolution.unresolved(
                    matched, hits.isEmpty() ? "no place named" : "a short name needs its district");
        }
        Strength best = strongest(strong);
        List<Name.InUnit> top = distinctUnits(strong, best);
        if (top.size() > 1) {
            return ambiguous(top, DISTRICT_AMBIGUOUS_UNIT - DISAGREEMENT_PENALTY, matched);
        }
        Name.InUnit hit = top.get(0);
        double c = switch (best) {
            case FULL -> WITHOUT_DISTRICT_FULL;
            case PLACE -> WITHOUT_DISTRICT_PLACE;
            case ALIAS, WEAK -> WITHOUT_DISTRICT_ALIAS;
        };
        String note = best.name().toLowerCase(Locale.ROOT) + " name without district";
        if (strong.stream().anyMatch(h -> h.unit() != hit.unit())) {
            c -= DISAGREEMENT_PENALTY;
            note += "; a less specific name points elsewhere";
        }
        if (areas.stream().anyMatch(a -> a != hit.district())) {
            c -= CONFLICT_PENALTY;
            note += "; a place in another district is named too";
        }
        return PlaceResolution.unit(hit.district(), hit.unit(), c, matched, note);
    }

    /** Several units at the strongest level: their district if they share one, else nothing. */
    private static PlaceResolution ambiguous(List<Name.InUnit> top, double confidence, List<String> matched) {
        String which = top.stream().map(h -> h.unit().toString()).toList().toString();
        District d = top.get(0).district();
        return top.stream().allMatch(h -> h.district() == d)
                ? PlaceResolution.district(d, confidence, matched, "ambiguous: " + which)
                : PlaceResolution.unresolved(matched, "names units in several districts: " + which);
    }

    static void addOnce(List<District> list, District d) {
        if (!containsSame(list, d)) {
            list.add(d);
        }
    }

    private static boolean containsSame(List<District> list, District d) {
        for (District x : list) {
            if (x == d) {
                return true;
            }
        }
        return false;
    }

    private static Strength strongest(List<Name.InUnit> hits) {
        Strength best = Strength.WEAK;
        for (Name.InUnit h : hits) {
            if (h.strength().compareTo(best) > 0) {
                best = h.strength();
            }
        }
        return best;
    }

    /** One hit per unit among those of strength {@code s}, in order found. */
    private static List<Name.InUnit> distinctUnits(List<Name.InUnit> hits, Strength s) {
        List<Name.InUnit> out = new ArrayList<>();
        for (Name.InUnit h : hits) {
            if (h.strength() == s && out.stream().noneMatch(o -> o.unit() == h.unit())) {
                out.add(h);
            }
        }
        return out;
    }
}

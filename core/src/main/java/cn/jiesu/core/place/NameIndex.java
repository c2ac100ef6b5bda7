package cn.jiesu.core.place;

import cn.jiesu.core.classify.AhoCorasick;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Every name of a {@link Gazetteer} in one Aho–Corasick automaton, so a text is scanned once whatever the number of
 * names. Immutable once built; shared by any number of threads.
 */
final class NameIndex {

    /** A name found at {@code [start, end)} of the folded text, with everything it can stand for. */
    record Found(int start, int end, String text, List<Name> names) {}

    private final PlaceText folding;
    private final AhoCorasick<List<Name>> automaton;

    NameIndex(Gazetteer g, PlaceText folding) {
        this.folding = folding;
        Map<String, List<Name>> names = new LinkedHashMap<>();
        Set<String> districtWords = new HashSet<>();
        for (District d : g.districts()) {
            add(names, d.name(), new Name.InDistrict(d));
            d.aliases().forEach(a -> add(names, a, new Name.InDistrict(d)));
            districtWords.add(folding.fold(d.name()));
            d.aliases().forEach(a -> districtWords.add(folding.fold(a)));
        }
        add(names, g.city(), new Name.City());
        g.aliases().forEach(a -> add(names, a, new Name.City()));
        g.outside().forEach(o -> add(names, o, new Name.Outside()));
        for (District d : g.districts()) {
            Set<String> placeWords = new HashSet<>();
            for (Place p : d.places()) {
                placeWords.add(folding.fold(p.name()));
                add(
                        names,
                        p.name(),
                        p.unit() == null
                                ? new Name.Area(d)
                                : new Name.InUnit(d, d.unit(p.unit()), Name.Strength.PLACE));
            }
            for (Unit u : d.units()) {
                add(names, u.name(), new Name.InUnit(d, u, Name.Strength.FULL));
                u.aliases().forEach(a -> add(names, a, new Name.InUnit(d, u, Name.Strength.ALIAS)));
                String shortName = u.shortName();
                // 海淀街道's short form is the district's name, and 良乡 (a town and a wider area) is a listed place:
                // the district and the place are what citizens mean by them.
                if (shortName != null
                        && u.shortForm() != ShortForm.NONE
                        && !u.aliases().contains(shortName)
                        && !districtWords.contains(folding.fold(shortName))
                        && !placeWords.contains(folding.fold(shortName))) {
                    add(
                            names,
                            shortName,
                            new Name.InUnit(
                                    d,
                                    u,
                                    shortName.length() <= 2 || u.shortForm() == ShortForm.NEEDS_DISTRICT
                                            ? Name.Strength.WEAK
                                            : Name.Strength.ALIAS));
                }
            }
        }
        AhoCorasick.Builder<List<Name>> b = AhoCorasick.builder();
        names.forEach((text, list) -> b.add(text, List.copyOf(list)));
        this.automaton = b.build();
    }

    private void add(Map<String, List<Name>> names, String text, Name name) {
        String folded = folding.fold(text);
        if (!folded.isEmpty()) {
            names.computeIfAbsent(folded, k -> new ArrayList<>()).add(name);
        }
    }

    /**
     * The names in {@code text}, leftmost-longest and not overlapping: in 望京西园三区 the place 望京西园, not the
     * alias 望京 inside it; in 朝阳门 the street, not the district 朝阳.
     */
    List<Found> find(String text) {
        String folded = folding.fold(text);
        List<AhoCorasick.Match<List<Name>>> all = new ArrayList<>(automaton.findAll(folded));
        all.sort(Comparator.<AhoCorasick.Match<List<Name>>>comparingInt(AhoCorasick.Match::start)
                .thenComparing(m -> -(m.end() - m.start())));
        List<Found> out = new ArrayList<>();
        int covered = 0;
        for (AhoCorasick.Match<List<Name>> m : all) {
            if (m.start() >= covered) {
                out.add(new Found(m.start(), m.end(), folded.substring(m.start(), m.end()), m.value()));
                covered = m.end();
            }
        }
        return out;
    }
}

package cn.jiesu.gateway.callback;

import cn.jiesu.core.place.District;
import cn.jiesu.core.place.Gazetteer;
import cn.jiesu.core.place.Unit;
import cn.jiesu.core.rates.RateScope;
import java.text.Collator;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Orders rate scopes as the city lists its districts and units (the gazetteer file's order, which is the official
 * one); names the gazetteer does not have (a file changed since they were counted) follow in pinyin order, and
 * {@value RateScope#UNKNOWN} comes last.
 */
final class GazetteerOrder implements Comparator<RateScope> {
    private final Map<String, Integer> districts = new HashMap<>();
    private final Map<String, Integer> units = new HashMap<>();
    private final Collator collator = Collator.getInstance(Locale.CHINA);

    /** @param gazetteer null: every name in pinyin order */
    GazetteerOrder(Gazetteer gazetteer) {
        if (gazetteer != null) {
            for (District d : gazetteer.districts()) {
                districts.put(d.name(), districts.size());
                for (Unit u : d.units()) {
                    units.put(d.name() + "/" + u.name(), units.size());
                }
            }
        }
    }

    @Override
    public int compare(RateScope a, RateScope b) {
        int c = compare(districts, a.district(), b.district());
        return c != 0 ? c : compare(units, a.district() + "/" + a.street(), b.district() + "/" + b.street());
    }

    private int compare(Map<String, Integer> order, String a, String b) {
        if (a.equals(b)) {
            return 0;
        }
        int ua = unknown(a);
        int ub = unknown(b);
        if (ua != ub) {
            return Integer.compare(ua, ub);
        }
        Integer ia = order.get(a);
        Integer ib = order.get(b);
        if (ia != null && ib != null) {
            return Integer.compare(ia, ib);
        }
        if (ia != null || ib != null) {
            return ia != null ? -1 : 1;
        }
        return collator.compare(a, b);
    }

    private static int unknown(String name) {
        return name.equals(RateScope.UNKNOWN) || name.endsWith("/" + RateScope.UNKNOWN) ? 1 : 0;
    }
}

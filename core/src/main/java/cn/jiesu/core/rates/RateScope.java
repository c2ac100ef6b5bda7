package cn.jiesu.core.rates;

import cn.jiesu.core.intake.Intake;
import cn.jiesu.core.intake.PlaceMark;

/**
 * Where an appeal counts for 三率: the district and street the gazetteer placed it in ({@link Intake#place()}), or
 * {@value #UNKNOWN}. Every appeal also counts overall. Only gazetteer names are used, never the citizen's own
 * spelling, so the set of scopes is closed and a street's rate is not split between 望京 and 望京街道. Names are
 * trimmed; '/' and ':' are replaced because they separate key parts.
 */
public record RateScope(String district, String street) {
    public static final String UNKNOWN = "unknown";

    public RateScope {
        district = clean(district);
        street = clean(street);
    }

    /** The gazetteer's place of the appeal; unplaced appeals count as {@value #UNKNOWN}. */
    public static RateScope of(Intake intake) {
        PlaceMark p = intake.place();
        return p == null ? new RateScope(null, null) : new RateScope(p.district(), p.street());
    }

    public static String clean(String name) {
        if (name == null || name.isBlank()) {
            return UNKNOWN;
        }
        String s = name.trim().replace('/', '_').replace(':', '_');
        return s.length() > 64 ? s.substring(0, 64) : s;
    }
}

package cn.jiesu.core.rates;

import cn.jiesu.core.intake.Location;

/**
 * Where an appeal counts for 三率: its district and street (from its location), or {@value #UNKNOWN}. Every appeal
 * also counts overall. Names are used as given, trimmed; '/' and ':' are replaced because they separate key parts.
 */
public record RateScope(String district, String street) {
    public static final String UNKNOWN = "unknown";

    public RateScope {
        district = clean(district);
        street = clean(street);
    }

    public static RateScope of(Location location) {
        return location == null ? new RateScope(null, null) : new RateScope(location.district(), location.street());
    }

    public static String clean(String name) {
        if (name == null || name.isBlank()) {
            return UNKNOWN;
        }
        String s = name.trim().replace('/', '_').replace(':', '_');
        return s.length() > 64 ? s.substring(0, 64) : s;
    }
}

package cn.jiesu.core.place;

/** A WGS-84 position in degrees, as a channel reports it or a gazetteer gives a centroid. */
public record LatLon(double lat, double lon) {
    private static final double EARTH_RADIUS_KM = 6371.0088;

    public LatLon {
        if (!(lat >= -90 && lat <= 90) || !(lon >= -180 && lon <= 180)) {
            throw new IllegalArgumentException("not a position: " + lat + ", " + lon);
        }
    }

    /** Great-circle distance (haversine): within a city the error against the ellipsoid is well under 1 %. */
    public double kilometresTo(LatLon other) {
        double dLat = Math.toRadians(other.lat - lat);
        double dLon = Math.toRadians(other.lon - lon);
        double a = Math.sin(dLat / 2) * Math.sin(dLat / 2)
                + Math.cos(Math.toRadians(lat))
                        * Math.cos(Math.toRadians(other.lat))
                        * Math.sin(dLon / 2)
                        * Math.sin(dLon / 2);
        return 2 * EARTH_RADIUS_KM * Math.asin(Math.min(1, Math.sqrt(a)));
    }
}

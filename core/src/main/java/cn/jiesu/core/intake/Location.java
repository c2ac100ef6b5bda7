package cn.jiesu.core.intake;

/**
 * Where the problem is.
 *
 * @param crs       required when lat and lon are present
 * @param addressId an address in the jurisdiction's master address repository (Open311 {@code address_id}), or null
 */
public record Location(
        String addressText,
        Double lat,
        Double lon,
        Crs crs,
        String district,
        String street,
        String community,
        String addressId) {
    public Location {
        if ((lat == null) != (lon == null)) {
            throw new IllegalArgumentException("location: lat and lon must be given together");
        }
        if (lat != null) {
            if (crs == null) {
                throw new IllegalArgumentException("location.crs: required when lat/lon are given");
            }
            if (lat < -90 || lat > 90) {
                throw new IllegalArgumentException("location.lat: out of range: " + lat);
            }
            if (lon < -180 || lon > 180) {
                throw new IllegalArgumentException("location.lon: out of range: " + lon);
            }
        }
    }

    /** A location without a master-address id (every channel but Open311). */
    public Location(
            String addressText, Double lat, Double lon, Crs crs, String district, String street, String community) {
        this(addressText, lat, lon, crs, district, street, community, null);
    }

    public static Location ofAddress(String addressText) {
        return new Location(addressText, null, null, null, null, null, null);
    }
}

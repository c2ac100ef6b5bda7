package cn.jiesu.core.place;

import cn.jiesu.core.intake.Crs;

/**
 * Turns the shifted coordinates Chinese map SDKs report (GCJ-02, "Mars" coordinates; BD-09, Baidu's) back into
 * WGS-84, which gazetteer centroids use. The shift is 300-700 m in Beijing, a good part of a street-level unit, so
 * a position is never compared unconverted. The published GCJ-02 forward formula inverted by fixed-point iteration
 * (5 rounds: well under a metre); hand-written because no maintained Java library on Maven Central does it.
 */
final class ChinaCoordinates {
    private static final double A = 6378245.0;
    private static final double EE = 0.00669342162296594323;
    private static final double X_PI = Math.PI * 3000.0 / 180.0;

    private ChinaCoordinates() {}

    static LatLon toWgs84(double lat, double lon, Crs crs) {
        return switch (crs == null ? Crs.WGS84 : crs) {
            case WGS84 -> new LatLon(lat, lon);
            case GCJ02 -> gcjToWgs(lat, lon);
            case BD09 -> {
                LatLon gcj = bdToGcj(lat, lon);
                yield gcjToWgs(gcj.lat(), gcj.lon());
            }
        };
    }

    /** WGS-84 to GCJ-02 (the forward transform; outside China the shift is not applied). */
    static LatLon wgsToGcj(double lat, double lon) {
        if (outsideChina(lat, lon)) {
            return new LatLon(lat, lon);
        }
        double dLat = shiftLat(lon - 105.0, lat - 35.0);
        double dLon = shiftLon(lon - 105.0, lat - 35.0);
        double radLat = lat / 180.0 * Math.PI;
        double magic = 1 - EE * Math.sin(radLat) * Math.sin(radLat);
        double sqrtMagic = Math.sqrt(magic);
        dLat = (dLat * 180.0) / ((A * (1 - EE)) / (magic * sqrtMagic) * Math.PI);
        dLon = (dLon * 180.0) / (A / sqrtMagic * Math.cos(radLat) * Math.PI);
        return new LatLon(lat + dLat, lon + dLon);
    }

    static LatLon gcjToWgs(double lat, double lon) {
        double wLat = lat;
        double wLon = lon;
        for (int i = 0; i < 5; i++) {
            LatLon g = wgsToGcj(wLat, wLon);
            wLat -= g.lat() - lat;
            wLon -= g.lon() - lon;
        }
        return new LatLon(wLat, wLon);
    }

    static LatLon bdToGcj(double lat, double lon) {
        double x = lon - 0.0065;
        double y = lat - 0.006;
        double z = Math.sqrt(x * x + y * y) - 0.00002 * Math.sin(y * X_PI);
        double theta = Math.atan2(y, x) - 0.000003 * Math.cos(x * X_PI);
        return new LatLon(z * Math.sin(theta), z * Math.cos(theta));
    }

    private static boolean outsideChina(double lat, double lon) {
        return lon < 72.004 || lon > 137.8347 || lat < 0.8293 || lat > 55.8271;
    }

    private static double shiftLat(double x, double y) {
        double r = -100.0 + 2.0 * x + 3.0 * y + 0.2 * y * y + 0.1 * x * y + 0.2 * Math.sqrt(Math.abs(x));
        r += (20.0 * Math.sin(6.0 * x * Math.PI) + 20.0 * Math.sin(2.0 * x * Math.PI)) * 2.0 / 3.0;
        r += (20.0 * Math.sin(y * Math.PI) + 40.0 * Math.sin(y / 3.0 * Math.PI)) * 2.0 / 3.0;
        r += (160.0 * Math.sin(y / 12.0 * Math.PI) + 320 * Math.sin(y * Math.PI / 30.0)) * 2.0 / 3.0;
        return r;
    }

    private static double shiftLon(double x, double y) {
        double r = 300.0 + x + 2.0 * y + 0.1 * x * x + 0.1 * x * y + 0.1 * Math.sqrt(Math.abs(x));
        r += (20.0 * Math.sin(6.0 * x * Math.PI) + 20.0 * Math.sin(2.0 * x * Math.PI)) * 2.0 / 3.0;
        r += (20.0 * Math.sin(x * Math.PI) + 40.0 * Math.sin(x / 3.0 * Math.PI)) * 2.0 / 3.0;
        r += (150.0 * Math.sin(x / 12.0 * Math.PI) + 300.0 * Math.sin(x / 30.0 * Math.PI)) * 2.0 / 3.0;
        return r;
    }
}

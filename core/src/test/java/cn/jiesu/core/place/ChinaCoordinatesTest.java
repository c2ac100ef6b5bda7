package cn.jiesu.core.place;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import cn.jiesu.core.intake.Crs;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class ChinaCoordinatesTest {
    // Reference values: the widely used coordtransform library's published examples for (116.404, 39.915).
    @Test
    @DisplayName("WGS-84 to GCJ-02 and BD-09 to GCJ-02 match the published reference values")
    void referenceValues() {
        LatLon gcj = ChinaCoordinates.wgsToGcj(39.915, 116.404);
        assertThat(gcj.lat()).isCloseTo(39.91640428150164, within(1e-9));
        assertThat(gcj.lon()).isCloseTo(116.41024449916938, within(1e-9));
        LatLon fromBd = ChinaCoordinates.bdToGcj(39.915, 116.404);
        assertThat(fromBd.lat()).isCloseTo(39.90865673957631, within(1e-9));
        assertThat(fromBd.lon()).isCloseTo(116.39762729119315, within(1e-9));
    }

    @Test
    @DisplayName("GCJ-02 back to WGS-84 inverts the shift to well under a metre, across the city")
    void inverse() {
        for (double lat = 39.45; lat <= 41.05; lat += 0.1) {
            for (double lon = 115.45; lon <= 117.45; lon += 0.1) {
                LatLon gcj = ChinaCoordinates.wgsToGcj(lat, lon);
                LatLon back = ChinaCoordinates.toWgs84(gcj.lat(), gcj.lon(), Crs.GCJ02);
                assertThat(back.kilometresTo(new LatLon(lat, lon))).isLessThan(0.001);
                // The shift itself is hundreds of metres: comparing unconverted would misplace a position.
                assertThat(gcj.kilometresTo(new LatLon(lat, lon))).isBetween(0.1, 1.0);
            }
        }
    }

    @Test
    @DisplayName("WGS-84 positions and positions outside China are left as they are")
    void unchanged() {
        assertThat(ChinaCoordinates.toWgs84(39.9, 116.4, Crs.WGS84)).isEqualTo(new LatLon(39.9, 116.4));
        assertThat(ChinaCoordinates.toWgs84(39.9, 116.4, null)).isEqualTo(new LatLon(39.9, 116.4));
        assertThat(ChinaCoordinates.toWgs84(48.85, 2.35, Crs.GCJ02)).isEqualTo(new LatLon(48.85, 2.35));
    }
}

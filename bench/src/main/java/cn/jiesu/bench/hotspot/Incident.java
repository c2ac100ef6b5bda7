package cn.jiesu.bench.hotspot;

import cn.jiesu.core.hotspot.HotspotAppeal;
import cn.jiesu.core.hotspot.HotspotKey;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.Set;

/** An injected incident: its appeals (ids {@code I<n>-<k>}) and which hotspot keys count as finding it. */
record Incident(int no, String name, String topic, String district, String street, List<HotspotAppeal> appeals) {

    boolean matches(HotspotKey key) {
        if (!key.topic().equals(topic)) {
            return false;
        }
        return key.level() == HotspotKey.Level.DISTRICT
                ? key.place().equals(district)
                : street == null
                        ? key.place().startsWith(district + "/")
                        : key.place().equals(district + "/" + street);
    }

    /** A water main break: {@code n} 停水 appeals from one street within half an hour. */
    static Incident waterMain(int no, SimCity city, int s, Instant at, int n, Random r) {
        List<HotspotAppeal> out = new ArrayList<>();
        for (int k = 0; k < n; k++) {
            Instant t = at.plusMillis((long) (r.nextDouble() * 1_800_000));
            out.add(appeal(no, k, t, "water", city.district[s], city.street[s]));
        }
        return sorted(new Incident(no, "water main break", "water", city.district[s], city.street[s], out));
    }

    /**
     * A district's heating failure overnight: {@code n} 供暖 appeals from the district's streets (weighted as the
     * background), ramping up over four hours as homes cool (arrival density grows linearly).
     */
    static Incident heating(int no, SimCity city, int d, Instant at, int n, Random r) {
        int first = SimCity.firstStreet(d);
        int last = SimCity.firstStreet(d + 1);
        List<HotspotAppeal> out = new ArrayList<>();
        for (int k = 0; k < n; k++) {
            Instant t = at.plusMillis((long) (Math.sqrt(r.nextDouble()) * 4 * 3_600_000));
            int s = first + r.nextInt(last - first);
            out.add(appeal(no, k, t, "heating", city.district[s], city.street[s]));
        }
        return sorted(new Incident(no, "district heating failure", "heating", city.district[first], null, out));
    }

    /**
     * A slow-burning noise problem on one street (night construction, 22-01 h): from {@code days} ago, the extra
     * appeals per night grow by {@code growth} a day.
     */
    static Incident slowNoise(int no, SimCity city, int s, Instant day0, int days, double growth, Random r) {
        List<HotspotAppeal> out = new ArrayList<>();
        int k = 0;
        for (int day = 0; day < days; day++) {
            int n = SimCity.poisson(growth * (day + 1), r); // not the city's Random: same background either way
            for (int i = 0; i < n; i++) {
                Instant t = day0.plus(Duration.ofDays(day).plusHours(22))
                        .plusMillis((long) (r.nextDouble() * 3 * 3_600_000));
                out.add(appeal(no, k++, t, "noise", city.district[s], city.street[s]));
            }
        }
        return sorted(new Incident(no, "slow noise problem", "noise", city.district[s], city.street[s], out));
    }

    private static HotspotAppeal appeal(int no, int k, Instant t, String topic, String district, String street) {
        return new HotspotAppeal("I" + no + "-" + k, t, Set.of(topic), district, street);
    }

    private static Incident sorted(Incident i) {
        List<HotspotAppeal> s = new ArrayList<>(i.appeals());
        s.sort(Comparator.comparing(HotspotAppeal::acknowledged));
        return new Incident(i.no(), i.name(), i.topic(), i.district(), i.street(), s);
    }
}

package cn.jiesu.core.hotspot;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A hotspot as a wallboard or the case system sees it: topic and place (in {@code opened.key()}), its appeals,
 * the first and latest, how many, and how fast it is growing.
 *
 * @param growthPerHour appeals that joined in the hour before the latest one, the latest included
 */
public record Hotspot(OpenHotspot opened, List<String> appealIds, Instant first, Instant latest, double growthPerHour) {
    public Hotspot {
        Objects.requireNonNull(opened, "opened");
        appealIds = List.copyOf(appealIds);
    }

    /** The hotspot with these appeals (first, latest and growth are computed from them). */
    public static Hotspot of(OpenHotspot opened, List<HotspotMember> members) {
        Instant first =
                members.stream().map(HotspotMember::at).min(Instant::compareTo).orElse(opened.openedAt());
        Instant latest =
                members.stream().map(HotspotMember::at).max(Instant::compareTo).orElse(opened.openedAt());
        Instant hourBefore = latest.minus(Duration.ofHours(1));
        long lastHour = members.stream().filter(m -> m.at().isAfter(hourBefore)).count();
        return new Hotspot(opened, members.stream().map(HotspotMember::appealId).toList(), first, latest, lastHour);
    }

    public int count() {
        return appealIds.size();
    }
}

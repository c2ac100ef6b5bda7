package cn.jiesu.gateway.console;

import cn.jiesu.core.classify.Classifier;
import cn.jiesu.core.hotspot.HotspotBoard;
import cn.jiesu.core.place.PlaceResolver;

/**
 * What the console's hotspot panels read: the live board, and the gazetteer and classifier that tell which hotspot
 * an agent's form is about (its address placed as intake places appeals, its text given topics as triage does).
 *
 * @param board  null when hotspots are not detected here: the panels say so, nothing fails
 * @param places null without a gazetteer: a form's address matches nothing, its appeals' ids still do
 * @param topics the triage classifier, whose rules give topics; null: a form's text matches nothing
 */
public record HotspotDesk(HotspotBoard board, PlaceResolver places, Classifier topics) {
    public static HotspotDesk none() {
        return new HotspotDesk(null, null, null);
    }

    public boolean enabled() {
        return board != null;
    }
}

package cn.jiesu.core.place;

/** How a unit's derived short form (its name without 街道/镇/乡/地区) may match. */
public enum ShortForm {
    /** Three or more characters match on their own; two only with the district named (东风, 新村 are words). */
    AUTO,
    /**
     * Only with the district named, whatever its length: a name common elsewhere or as a word (新街口 is also
     * Nanjing's centre, 观音寺 a temple in every county, 苹果园 an orchard).
     */
    NEEDS_DISTRICT,
    /** Never: the short form names something else (卢沟桥, the bridge, is not in 卢沟桥街道). */
    NONE
}

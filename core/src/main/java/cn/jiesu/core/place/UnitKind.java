package cn.jiesu.core.place;

import java.util.Optional;

/** What kind of street-level unit a {@link Unit} is; the suffix is how its full name usually ends. */
public enum UnitKind {
    /** 街道 (a street office of the district). */
    STREET("街道"),
    /** 地区: a 乡 or 镇 that also has a street office (朝阳区's 19 地区, 平谷区's 渔阳地区). */
    AREA("地区"),
    /** 镇 (town). */
    TOWN("镇"),
    /** 乡 (township), including the ethnic 民族乡 (于家务回族乡). */
    TOWNSHIP("乡");

    private final String suffix;

    UnitKind(String suffix) {
        this.suffix = suffix;
    }

    public String suffix() {
        return suffix;
    }

    /** The kind named by its Chinese word (街道, 地区, 镇, 乡). */
    public static Optional<UnitKind> ofWord(String word) {
        for (UnitKind k : values()) {
            if (k.suffix.equals(word)) {
                return Optional.of(k);
            }
        }
        return Optional.empty();
    }

    /** The kind a full name's ending says (街道 before 道-less endings), if any. */
    public static Optional<UnitKind> ofName(String name) {
        for (UnitKind k : values()) {
            if (name.endsWith(k.suffix) && name.length() > k.suffix.length()) {
                return Optional.of(k);
            }
        }
        return Optional.empty();
    }
}

package cn.jiesu.core.intake;

/**
 * Where the gazetteer placed an appeal: the canonical names of its district and street-level unit (街道, 乡, 镇), and
 * how sure the resolver was. An appeal the resolver could not place has no mark (and counts as unresolved); one
 * placed only in a district has a null street. 三率, hotspots and recurring problems count by these names, never by
 * the citizen's own spelling.
 *
 * @param confidence 0..1
 */
public record PlaceMark(String district, String street, double confidence) {
    public PlaceMark {
        if (district == null || district.isBlank()) {
            throw new IllegalArgumentException("place.district: required");
        }
        if (street != null && street.isBlank()) {
            street = null;
        }
        if (!(confidence >= 0 && confidence <= 1)) {
            throw new IllegalArgumentException("place.confidence: 0..1, was " + confidence);
        }
    }
}

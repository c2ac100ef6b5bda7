package cn.jiesu.core.merge;

/**
 * A proposed link between a new appeal and an open one: record it in {@code relatedIntakeIds} on both sides.
 *
 * @param intakeId   the open appeal to link to
 * @param similarity the text similarity that justified it
 * @param citizenKey the identity the two share ({@code phone:13800138000}, {@code WEIBO:2489518277})
 */
public record MergeLink(String intakeId, double similarity, String citizenKey) {}

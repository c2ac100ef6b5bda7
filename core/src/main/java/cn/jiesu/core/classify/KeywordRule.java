package cn.jiesu.core.classify;

import cn.jiesu.core.intake.RequestType;
import cn.jiesu.core.intake.Urgency;
import java.util.List;

/**
 * One classification rule: when any of its phrases occurs in an appeal's text, or one term of every {@code near}
 * group occurs within {@code window} characters, it proposes a request type, an urgency tier and/or a topic.
 * Among the rules that match, the highest {@code priority} decides each dimension.
 *
 * <p>Proximity groups catch the wording a fixed phrase misses: {@code [[燃气, 煤气], [味, 漏]]} with window 8
 * matches 燃气的味道, 煤气罐在漏 and 漏煤气, where the phrase list would need each variant spelled out.
 *
 * @param id          stable name, reported in {@link Classification#matchedRuleIds()} for audit
 * @param phrases     Chinese (or mixed) phrases, matched after {@link TextNormalizer} folding; may be empty when
 *                    {@code near} is given
 * @param near        groups of terms that must all occur, in any order, within {@code window}; empty for none
 * @param window      the longest span, in folded characters from the first term's start to the last term's end
 * @param requestType proposed request type, or null
 * @param urgency     proposed urgency, or null
 * @param topic       what the appeal is about ({@code water}, {@code noise}), or null; used to tell two
 *                    appeals of one citizen apart when merging
 * @param priority    higher wins; ties go to the more severe urgency, then to the earlier match
 * @param mask        when true, every occurrence of one of its phrases hides the matches of other rules that lie
 *                    inside it: 打不着火 hides 着火, 烧烤 hides the 烧 of a proximity rule; a mask needs no values
 */
public record KeywordRule(
        String id,
        List<String> phrases,
        List<List<String>> near,
        int window,
        RequestType requestType,
        Urgency urgency,
        String topic,
        int priority,
        boolean mask) {
    public KeywordRule {
        if (id == null || id.isBlank()) {
            throw new IllegalArgumentException("rule.id: required");
        }
        phrases = phrases == null ? List.of() : List.copyOf(phrases);
        near = near == null ? List.of() : near.stream().map(List::copyOf).toList();
        if (phrases.isEmpty() && near.isEmpty()) {
            throw new IllegalArgumentException("rule " + id + ".phrases: at least one phrase or near group required");
        }
        if (!near.isEmpty()) {
            if (near.size() < 2 || near.stream().anyMatch(List::isEmpty)) {
                throw new IllegalArgumentException("rule " + id + ".near: needs at least two non-empty groups");
            }
            if (window < 2) {
                throw new IllegalArgumentException("rule " + id + ".window: must be at least 2, was " + window);
            }
        }
        if (mask && (phrases.isEmpty() || !near.isEmpty())) {
            throw new IllegalArgumentException("rule " + id + ".mask: a mask is a list of phrases, without near");
        }
        if (!mask && requestType == null && urgency == null && topic == null) {
            throw new IllegalArgumentException("rule " + id + ": sets neither requestType, urgency nor topic");
        }
    }

    /** A plain phrase rule. */
    public static KeywordRule phrases(
            String id, List<String> phrases, RequestType requestType, Urgency urgency, String topic, int priority) {
        return new KeywordRule(id, phrases, List.of(), 0, requestType, urgency, topic, priority, false);
    }
}

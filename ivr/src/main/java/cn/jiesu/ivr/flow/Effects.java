package cn.jiesu.ivr.flow;

import cn.jiesu.core.intake.RequestType;
import cn.jiesu.core.intake.Urgency;
import java.util.Map;

/**
 * What taking a menu option (or reaching a node) tells Asterisk and the AMI call tracker, as channel variables.
 * Null fields change nothing.
 *
 * @param path        entry appended to {@code JIESU_PATH} (e.g. {@code menu:2})
 * @param language    {@code zh} or {@code en}: sets {@code CHANNEL(language)} and {@code JIESU_LANG}
 * @param requestType sets {@code JIESU_REQTYPE}
 * @param urgency     sets {@code JIESU_URGENCY}
 * @param outcome     sets {@code JIESU_OUTCOME} (agent, status, callback, voicemail, invalid, ...)
 * @param set         further variables; values may use {@code ${caller-id}}, {@code ${linkedid}},
 *                    {@code ${uniqueid}}, {@code ${param.NAME}} and {@code ${slot}}
 */
public record Effects(
        String path,
        String language,
        RequestType requestType,
        Urgency urgency,
        String outcome,
        Map<String, String> set) {
    public static final Effects NONE = new Effects(null, null, null, null, null, Map.of());

    public Effects {
        set = set == null ? Map.of() : Map.copyOf(set);
    }

    /** These effects with {@code path} as the path entry. */
    public Effects withPath(String newPath) {
        return new Effects(newPath, language, requestType, urgency, outcome, set);
    }
}

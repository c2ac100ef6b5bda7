package cn.jiesu.gateway.console;

import cn.jiesu.core.intake.RequestType;
import cn.jiesu.core.intake.Urgency;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What the caller chose in the IVR, as the agent's pop shows it.
 *
 * @param language    zh or en, or null when the caller never chose
 * @param choices     menu choices in order ({@code lang:1}, {@code menu:2})
 * @param urgency     the tier the IVR derived, or null
 * @param requestType the request type the IVR derived, or null
 * @param labels      each choice in words (ivr.yaml's option labels), the choice's code where it has none
 */
public record IvrPath(
        String language, List<String> choices, Urgency urgency, RequestType requestType, List<String> labels) {
    public static final IvrPath NONE = new IvrPath(null, List.of(), null, null);

    public IvrPath {
        choices = choices == null ? List.of() : List.copyOf(choices);
        labels = labels == null || labels.size() != choices.size() ? choices : List.copyOf(labels);
    }

    /** A path whose choices are shown as their codes. */
    public IvrPath(String language, List<String> choices, Urgency urgency, RequestType requestType) {
        this(language, choices, urgency, requestType, null);
    }

    /** This path with its choices named from {@code choiceLabels} (PATH:KEY to words); unknown ones keep the code. */
    public IvrPath labelled(Map<String, String> choiceLabels) {
        List<String> named = new ArrayList<>(choices.size());
        choices.forEach(c -> named.add(choiceLabels.getOrDefault(c, c)));
        return new IvrPath(language, choices, urgency, requestType, named);
    }
}

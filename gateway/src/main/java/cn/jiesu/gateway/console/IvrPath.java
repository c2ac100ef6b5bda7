package cn.jiesu.gateway.console;

import cn.jiesu.core.intake.RequestType;
import cn.jiesu.core.intake.Urgency;
import java.util.List;

/**
 * What the caller chose in the IVR, as the agent's pop shows it.
 *
 * @param language    zh or en, or null when the caller never chose
 * @param choices     menu choices in order ({@code lang:1}, {@code menu:2})
 * @param urgency     the tier the IVR derived, or null
 * @param requestType the request type the IVR derived, or null
 */
public record IvrPath(String language, List<String> choices, Urgency urgency, RequestType requestType) {
    public static final IvrPath NONE = new IvrPath(null, List.of(), null, null);

    public IvrPath {
        choices = choices == null ? List.of() : List.copyOf(choices);
    }
}

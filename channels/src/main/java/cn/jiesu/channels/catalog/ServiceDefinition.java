package cn.jiesu.channels.catalog;

import cn.jiesu.core.classify.ExplicitChoice;
import cn.jiesu.core.intake.RequestType;
import cn.jiesu.core.intake.Urgency;
import java.util.List;
import java.util.Objects;

/**
 * One service (诉求分类) citizens can choose: shown by Open311 {@code services.json} and as the web form's category
 * list. Choosing it is an explicit choice: its request type and urgency, when set, win over keyword rules.
 *
 * @param type        Open311 type: realtime, batch or blackbox (we create requests synchronously: realtime)
 * @param keywords    comma-separated search words, as Open311 lists them; null (never blank) when there are none
 * @param requestType the 诉求类型 this service implies, or null to let the citizen or the keywords decide
 * @param urgency     the tier this service implies, or null
 */
public record ServiceDefinition(
        String code,
        String name,
        String description,
        String type,
        String keywords,
        String group,
        RequestType requestType,
        Urgency urgency,
        List<ServiceAttribute> attributes) {
    public ServiceDefinition {
        Objects.requireNonNull(code, "service.code");
        Objects.requireNonNull(name, "service " + code + ".name");
        type = type == null ? "realtime" : type;
        keywords = keywords == null || keywords.isBlank() ? null : keywords.strip();
        attributes = attributes == null ? List.of() : List.copyOf(attributes);
    }

    /**
     * What choosing this service (and perhaps a request type as well) explicitly says: the citizen's own request
     * type over the one this service maps to (a default for those who only picked a service), and this service's
     * tier either way.
     */
    public ExplicitChoice choice(RequestType picked) {
        return new ExplicitChoice(picked != null ? picked : requestType, urgency);
    }

    /** Open311 {@code metadata}: whether {@code services/{code}.json} has attributes to show. */
    public boolean metadata() {
        return !attributes.isEmpty();
    }
}

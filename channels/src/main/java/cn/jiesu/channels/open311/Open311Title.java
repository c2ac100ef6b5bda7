package cn.jiesu.channels.open311;

import cn.jiesu.channels.catalog.ServiceAttribute;
import cn.jiesu.channels.catalog.ServiceCatalog;
import cn.jiesu.channels.catalog.ServiceDefinition;
import cn.jiesu.core.intake.Intake;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The intake title of an Open311 request: the service name, then each attribute no intake field carries as
 * {@code 【description】value}, e.g. {@code 楼道照明【所在楼层】3}. Agents read the title next to the content, and the
 * content stays the citizen's description exactly as posted: GET requests/{id} returns it unchanged, and its
 * 4000-character limit is the citizen's alone. (Intake has no field for structured extras; the title already
 * names the service, so that is where the service's own fields go.)
 *
 * <p>At most {@link Intake#MAX_TITLE_CHARS}: longer attribute text is cut and ends with {@link #CUT}; the raw
 * payload keeps all of it. The service is found back by the name the title starts with.
 */
final class Open311Title {
    static final String CUT = "…";
    private static final Pattern SPACE = Pattern.compile("\\s+");

    private Open311Title() {}

    static String of(ServiceDefinition service, Map<ServiceAttribute, List<String>> attributes) {
        StringBuilder sb = new StringBuilder(service.name());
        attributes.forEach((a, v) -> sb.append('【')
                .append(a.description() != null ? a.description() : a.code())
                .append('】')
                .append(SPACE.matcher(String.join("、", v)).replaceAll(" "))); // one line
        if (sb.length() <= Intake.MAX_TITLE_CHARS) {
            return sb.toString();
        }
        int cut = Intake.MAX_TITLE_CHARS - CUT.length();
        if (Character.isHighSurrogate(sb.charAt(cut - 1))) {
            cut--;
        }
        return sb.substring(0, cut) + CUT;
    }

    /**
     * The service a title names: the one whose name is the whole title or is followed by {@code 【}, the longest
     * such name when one is the start of another. Empty for a title of no catalog service (renamed or removed).
     */
    static Optional<ServiceDefinition> service(ServiceCatalog catalog, String title) {
        if (title == null) {
            return Optional.empty();
        }
        Optional<ServiceDefinition> exact = catalog.byName(title);
        if (exact.isPresent() || title.indexOf('【') < 0) {
            return exact;
        }
        return catalog.all().stream()
                .filter(s -> title.startsWith(s.name() + "【"))
                .max(Comparator.comparingInt(s -> s.name().length()));
    }

    /** What the public may see of a title: the service's name, never the attribute values that follow it. */
    static String serviceName(ServiceCatalog catalog, String title) {
        if (title == null) {
            return null;
        }
        int mark = title.indexOf('【');
        return service(catalog, title).map(ServiceDefinition::name).orElse(mark < 0 ? title : title.substring(0, mark));
    }
}

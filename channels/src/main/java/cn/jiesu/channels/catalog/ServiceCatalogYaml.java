package cn.jiesu.channels.catalog;

import cn.jiesu.channels.YamlTree;
import cn.jiesu.core.config.ConfigNode;
import cn.jiesu.core.intake.RequestType;
import cn.jiesu.core.intake.Urgency;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the service catalog ({@code config/services.yaml}); errors name the service and field, e.g.
 * {@code services[0](0101).urgency: unknown value ...}.
 */
public final class ServiceCatalogYaml {
    private ServiceCatalogYaml() {}

    public static ServiceCatalog parse(String yaml, String source) {
        ConfigNode root = YamlTree.parse(yaml, source);
        if (!root.isList("services")) {
            root.problem("services", "expected a list");
        }
        List<ServiceDefinition> services = new ArrayList<>();
        for (ConfigNode node : root.nodes("services")) {
            String code = node.required("code");
            ConfigNode s = node.named(code);
            List<ServiceAttribute> attributes = new ArrayList<>();
            List<ConfigNode> attrs = s.nodes("attributes");
            for (int k = 0; k < attrs.size(); k++) {
                attributes.add(attribute(attrs.get(k), k + 1));
            }
            services.add(s.build(() -> new ServiceDefinition(
                    code,
                    s.required("name"),
                    s.string("description", null),
                    s.string("type", null),
                    keywords(s),
                    s.string("group", null),
                    s.enumValue("requestType", RequestType.class),
                    s.enumValue("urgency", Urgency.class),
                    attributes)));
        }
        return new ServiceCatalog(services);
    }

    /** Open311's comma-separated string; a YAML list of words is joined into one. */
    private static String keywords(ConfigNode s) {
        if (s.isList("keywords")) {
            return String.join(
                    ",", s.strings("keywords").stream().map(String::strip).toList());
        }
        return s.string("keywords", null);
    }

    private static ServiceAttribute attribute(ConfigNode a, int defaultOrder) {
        List<AttributeValue> values = new ArrayList<>();
        for (ConfigNode v : a.nodes("values")) {
            values.add(new AttributeValue(v.required("key"), v.required("name")));
        }
        return a.build(() -> new ServiceAttribute(
                a.bool("variable", true),
                a.required("code"),
                a.required("datatype"),
                a.bool("required", false),
                a.string("datatypeDescription", null),
                a.integer("order", Integer.MIN_VALUE, Integer.MAX_VALUE, defaultOrder),
                a.string("description", null),
                values));
    }
}

package cn.jiesu.channels.catalog;

import cn.jiesu.channels.YamlTree;
import cn.jiesu.core.intake.RequestType;
import cn.jiesu.core.intake.Urgency;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Reads the service catalog ({@code config/services.yaml}); errors name the service and field. */
public final class ServiceCatalogYaml {
    private ServiceCatalogYaml() {
    }

    public static ServiceCatalog parse(String yaml, String source) {
        Map<String, Object> root = YamlTree.parse(yaml, source);
        List<?> nodes = YamlTree.list(root.get("services"), "services");
        List<ServiceDefinition> services = new ArrayList<>();
        for (int i = 0; i < nodes.size(); i++) {
            String path = "services[" + i + "]";
            Map<String, Object> s = YamlTree.map(nodes.get(i), path);
            String code = YamlTree.required(s, "code", path);
            path = path + "(" + code + ")";
            List<ServiceAttribute> attributes = new ArrayList<>();
            List<?> attrs = s.get("attributes") == null ? List.of() : YamlTree.list(s.get("attributes"),
                    path + ".attributes");
            for (int k = 0; k < attrs.size(); k++) {
                attributes.add(attribute(YamlTree.map(attrs.get(k), path + ".attributes[" + k + "]"),
                        path + ".attributes[" + k + "]", k + 1));
            }
            try {
                services.add(new ServiceDefinition(code, YamlTree.required(s, "name", path),
                        YamlTree.string(s, "description", path), YamlTree.string(s, "type", path),
                        keywords(s, path), YamlTree.string(s, "group", path),
                        YamlTree.enumValue(s, "requestType", path, RequestType.class),
                        YamlTree.enumValue(s, "urgency", path, Urgency.class), attributes));
            } catch (IllegalArgumentException e) {
                throw e.getMessage().startsWith(path) ? e
                        : new IllegalArgumentException(path + ": " + e.getMessage(), e);
            }
        }
        return new ServiceCatalog(services);
    }

    /** Open311's comma-separated string; a YAML list of words is joined into one. */
    private static String keywords(Map<String, Object> s, String path) {
        if (s.get("keywords") instanceof List<?> words) {
            List<String> out = new ArrayList<>();
            for (Object w : words) {
                if (w == null || w instanceof Map || w instanceof List) {
                    throw new IllegalArgumentException(path + ".keywords: expected words");
                }
                out.add(w.toString().strip());
            }
            return String.join(",", out);
        }
        return YamlTree.string(s, "keywords", path);
    }

    private static ServiceAttribute attribute(Map<String, Object> a, String path, int defaultOrder) {
        List<AttributeValue> values = new ArrayList<>();
        List<?> raw = a.get("values") == null ? List.of() : YamlTree.list(a.get("values"), path + ".values");
        for (int v = 0; v < raw.size(); v++) {
            Map<String, Object> m = YamlTree.map(raw.get(v), path + ".values[" + v + "]");
            values.add(new AttributeValue(YamlTree.required(m, "key", path + ".values[" + v + "]"),
                    YamlTree.required(m, "name", path + ".values[" + v + "]")));
        }
        try {
            return new ServiceAttribute(YamlTree.bool(a, "variable", path, true), YamlTree.required(a, "code", path),
                    YamlTree.required(a, "datatype", path), YamlTree.bool(a, "required", path, false),
                    YamlTree.string(a, "datatypeDescription", path), YamlTree.integer(a, "order", path, defaultOrder),
                    YamlTree.string(a, "description", path), values);
        } catch (IllegalArgumentException e) {
            throw e.getMessage().startsWith(path) ? e : new IllegalArgumentException(path + ": " + e.getMessage(), e);
        }
    }
}

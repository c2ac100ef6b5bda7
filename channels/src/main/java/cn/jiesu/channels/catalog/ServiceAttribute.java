package cn.jiesu.channels.catalog;

import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * An Open311 service attribute (GeoReport v2 service definition): an extra field a request of this service
 * carries as {@code attribute[CODE]=value}.
 *
 * @param datatype one of string, number, datetime, text, singlevaluelist, multivaluelist
 */
public record ServiceAttribute(
        boolean variable,
        String code,
        String datatype,
        boolean required,
        String datatypeDescription,
        int order,
        String description,
        List<AttributeValue> values) {
    public static final Set<String> DATATYPES =
            Set.of("string", "number", "datetime", "text", "singlevaluelist", "multivaluelist");

    public ServiceAttribute {
        Objects.requireNonNull(code, "attribute.code");
        if (!DATATYPES.contains(datatype)) {
            throw new IllegalArgumentException("attribute " + code + ".datatype: unknown '" + datatype + "'");
        }
        values = values == null ? List.of() : List.copyOf(values);
        if (datatype.endsWith("valuelist") && values.isEmpty()) {
            throw new IllegalArgumentException("attribute " + code + ".values: a list attribute needs values");
        }
    }

    public boolean isList() {
        return datatype.endsWith("valuelist");
    }

    public boolean allows(String key) {
        return values.stream().anyMatch(v -> v.key().equals(key));
    }
}

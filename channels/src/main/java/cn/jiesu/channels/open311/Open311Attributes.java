package cn.jiesu.channels.open311;

import cn.jiesu.channels.InputRejected;
import cn.jiesu.channels.catalog.ServiceAttribute;
import cn.jiesu.channels.catalog.ServiceDefinition;
import cn.jiesu.core.intake.DateBounds;
import cn.jiesu.core.intake.RequestType;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The {@code attribute[CODE]} values of one request, checked against the service definition: required ones are
 * present, numbers and datetimes parse, list values are allowed keys. Codes the service does not define are
 * ignored, not refused: a client may send attributes of an older or another jurisdiction's definition; they are
 * not kept in the raw payload either ({@link #defines}).
 */
record Open311Attributes(ServiceDefinition service, Map<ServiceAttribute, List<String>> values) {
    static final int MAX_VALUE = 1000;
    /** A number attribute: optional sign, up to 15 integer digits, optional fraction; no exponent, NaN, Infinity. */
    private static final Pattern PLAIN_NUMBER = Pattern.compile("[+-]?[0-9]{1,15}(\\.[0-9]{1,15})?");

    private static final String PREFIX = "attribute[";
    private static final Pattern CODE = Pattern.compile("[A-Za-z0-9_.-]{1,64}");

    static Open311Attributes parse(Map<String, List<String>> form, ServiceDefinition service) throws InputRejected {
        Map<String, List<String>> given = new LinkedHashMap<>();
        for (Map.Entry<String, List<String>> e : form.entrySet()) {
            String k = e.getKey();
            if (!k.startsWith(PREFIX)) {
                continue;
            }
            // attribute[CODE] or, for a multivaluelist, attribute[CODE][]; the list suffix goes first so that a
            // name like attribute[[] is malformed rather than an out-of-range substring
            String name = k.endsWith("[]") ? k.substring(0, k.length() - 2) : k;
            String code = name.length() > PREFIX.length() && name.endsWith("]")
                    ? name.substring(PREFIX.length(), name.length() - 1)
                    : "";
            if (code.isEmpty() || !CODE.matcher(code).matches()) {
                throw InputRejected.badField(k.length() > 80 ? "attribute" : k, "malformed attribute name");
            }
            List<String> vs = new ArrayList<>();
            for (String v : e.getValue()) {
                if (!v.isBlank()) {
                    vs.add(v.strip());
                }
            }
            given.computeIfAbsent(code, c -> new ArrayList<>()).addAll(vs);
        }
        Map<ServiceAttribute, List<String>> values = new LinkedHashMap<>();
        for (ServiceAttribute a : service.attributes()) {
            String field = "attribute[" + a.code() + "]";
            List<String> vs = given.getOrDefault(a.code(), List.of());
            if (vs.isEmpty()) {
                if (a.required()) {
                    throw InputRejected.missing(field);
                }
                continue;
            }
            if (!a.datatype().equals("multivaluelist") && vs.size() > 1) {
                throw InputRejected.badField(field, "takes one value");
            }
            for (String v : vs) {
                check(a, field, v);
            }
            values.put(a, List.copyOf(vs));
        }
        return new Open311Attributes(service, values);
    }

    /** Whether the form field {@code attribute[CODE]} or {@code attribute[CODE][]} is one the service defines. */
    boolean defines(String formField) {
        String name = formField.endsWith("[]") ? formField.substring(0, formField.length() - 2) : formField;
        if (!name.startsWith(PREFIX) || !name.endsWith("]") || name.length() <= PREFIX.length() + 1) {
            return false;
        }
        String code = name.substring(PREFIX.length(), name.length() - 1);
        return service.attributes().stream().anyMatch(a -> a.code().equals(code));
    }

    private static void check(ServiceAttribute a, String field, String v) throws InputRejected {
        if (v.length() > MAX_VALUE) {
            throw InputRejected.badField(field, "longer than " + MAX_VALUE + " characters");
        }
        switch (a.datatype()) {
            case "number" -> {
                // Plain decimal notation, |x| < 1e15: Double.parseDouble also takes NaN, Infinity, 1e999999 and
                // hex, which are no floor or count a citizen means and would go into the title as written.
                if (!PLAIN_NUMBER.matcher(v.strip()).matches()) {
                    throw InputRejected.badField(
                            field,
                            "expected a number in plain decimal notation (such as 3, "
                                    + "-1 or 2.5), less than 1e15 in size");
                }
            }
            case "datetime" -> {
                OffsetDateTime at;
                try {
                    at = OffsetDateTime.parse(v);
                } catch (DateTimeParseException e) {
                    throw InputRejected.badField(field, "expected ISO-8601 with an offset");
                }
                if (!DateBounds.contains(at.toInstant())) {
                    throw InputRejected.badField(
                            field, "expected ISO-8601 with an offset and " + DateBounds.describe());
                }
            }
            case "singlevaluelist", "multivaluelist" -> {
                if (!a.allows(v)) {
                    throw InputRejected.badField(field, "not one of the listed values");
                }
            }
            default -> {
                // string, text: any text
            }
        }
    }

    /** The REQTYPE attribute as a request type, or null. */
    RequestType requestType() {
        return byCode("REQTYPE")
                .flatMap(v -> Arrays.stream(RequestType.values())
                        .filter(t -> t.name().equals(v.get(0)))
                        .findFirst())
                .orElse(null);
    }

    /** ANON=true: the citizen asked to stay confidential (保密). */
    boolean confidential() {
        return byCode("ANON").map(v -> v.get(0).equalsIgnoreCase("true")).orElse(false);
    }

    /** The attributes no intake field carries (all but REQTYPE and ANON), in the service's order: for the title. */
    Map<ServiceAttribute, List<String>> unmapped() {
        Map<ServiceAttribute, List<String>> out = new LinkedHashMap<>(values);
        out.keySet().removeIf(a -> a.code().equals("REQTYPE") || a.code().equals("ANON"));
        return out;
    }

    private Optional<List<String>> byCode(String code) {
        return values.entrySet().stream()
                .filter(e -> e.getKey().code().equals(code))
                .map(Map.Entry::getValue)
                .findFirst();
    }
}

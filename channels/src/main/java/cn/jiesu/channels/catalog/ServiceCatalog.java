package cn.jiesu.channels.catalog;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The services citizens can choose from, by code, in configured order. Immutable. */
public final class ServiceCatalog {
    private final Map<String, ServiceDefinition> byCode;

    public ServiceCatalog(List<ServiceDefinition> services) {
        Map<String, ServiceDefinition> m = new LinkedHashMap<>();
        for (ServiceDefinition s : services) {
            if (m.put(s.code(), s) != null) {
                throw new IllegalArgumentException("services: duplicate code " + s.code());
            }
        }
        byCode = Collections.unmodifiableMap(m);
    }

    public List<ServiceDefinition> all() {
        return List.copyOf(byCode.values());
    }

    public Optional<ServiceDefinition> byCode(String code) {
        return Optional.ofNullable(code == null ? null : byCode.get(code));
    }

    /**
     * Reverse lookup by name: the web form and the app keep the service name as the intake title; an Open311 title
     * starts with it (see {@code Open311Title}).
     */
    public Optional<ServiceDefinition> byName(String name) {
        return byCode.values().stream().filter(s -> s.name().equals(name)).findFirst();
    }
}

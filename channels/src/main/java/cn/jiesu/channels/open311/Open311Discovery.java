package cn.jiesu.channels.open311;

import java.util.List;

/**
 * The service discovery document ({@code discovery.json}).
 *
 * @param changeset  when the endpoint list last changed (ISO-8601 with offset)
 * @param contact    whom integrators write to
 * @param keyService where integrators get an api_key
 */
public record Open311Discovery(String changeset, String contact, String keyService, List<Endpoint> endpoints) {
    public Open311Discovery {
        endpoints = List.copyOf(endpoints);
    }

    /** @param type production or test */
    public record Endpoint(String specification, String url, String changeset, String type, List<String> formats) {
        public Endpoint {
            formats = List.copyOf(formats);
        }
    }
}

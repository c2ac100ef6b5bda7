package cn.jiesu.channels.open311;

import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * A parsed {@code GET requests.json}: when {@code ids} is non-empty it overrides every other filter (spec).
 *
 * @param ids          service_request_id values (appeal numbers)
 * @param serviceCodes service_code values, any of which matches; empty for any
 * @param start        inclusive lower bound of requested_datetime
 * @param end          inclusive upper bound of requested_datetime
 * @param statuses     "open" and/or "closed"; empty for both
 * @param limit        at most this many, newest first
 */
public record Open311Query(
        List<String> ids, Set<String> serviceCodes, Instant start, Instant end, Set<String> statuses, int limit) {
    public Open311Query {
        ids = List.copyOf(ids);
        serviceCodes = Set.copyOf(serviceCodes);
        statuses = Set.copyOf(statuses);
    }
}

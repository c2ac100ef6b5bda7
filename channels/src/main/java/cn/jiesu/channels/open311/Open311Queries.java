package cn.jiesu.channels.open311;

import cn.jiesu.channels.InboundRequest;
import cn.jiesu.channels.InputRejected;
import cn.jiesu.channels.catalog.ServiceCatalog;
import cn.jiesu.channels.catalog.ServiceDefinition;
import cn.jiesu.core.appeal.AppealRecord;
import cn.jiesu.core.intake.DateBounds;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * {@code GET requests.json}: parameters to {@link Open311Query} (service_request_id as a comma list overriding the
 * rest, service_code, start_date/end_date spanning at most the default window, status=open,closed; by default the
 * last 90 days and at most 1000 results), and the in-memory filter over what the store returned. The list
 * parameters may be comma-delimited, repeated, or both ({@code service_code=0301,0302&service_code=0401}).
 */
final class Open311Queries {
    static final int MAX_IDS = 100;

    private Open311Queries() {}

    static Open311Query parse(InboundRequest request, Open311Config config, Instant now) throws InputRejected {
        Open311Adapter.checkJurisdiction(config, request.query().getOrDefault("jurisdiction_id", List.of()));
        Duration window = config.defaultWindow();
        List<String> ids = new ArrayList<>();
        for (String id : list(request, "service_request_id")) {
            if (!Open311Adapter.plausibleRequestId(id)) {
                throw InputRejected.badField("service_request_id", "not a request id");
            }
            if (!ids.contains(id)) {
                ids.add(id);
            }
        }
        if (ids.size() > MAX_IDS) {
            throw InputRejected.badField("service_request_id", "at most " + MAX_IDS + " ids");
        }
        if (!ids.isEmpty()) {
            // The spec: service_request_id "overrides all other arguments", so they are not even checked.
            return new Open311Query(ids, Set.of(), now.minus(window), now, Set.of(), config.maxResults());
        }
        Instant start = date(request, "start_date");
        Instant end = date(request, "end_date");
        if (start == null && end == null) {
            end = now;
            start = now.minus(window);
        } else if (start == null) {
            start = end.minus(window);
        } else if (end == null) {
            end = start.plus(window);
        }
        if (end.isBefore(start)) {
            throw InputRejected.badField("end_date", "before start_date");
        }
        if (Duration.between(start, end).compareTo(window) > 0) {
            throw InputRejected.badField(
                    "end_date", "start_date to end_date spans more than " + window.toDays() + " days");
        }
        Set<String> statuses = new LinkedHashSet<>();
        for (String s : list(request, "status")) {
            String t = s.toLowerCase(Locale.ROOT);
            if (!t.equals("open") && !t.equals("closed")) {
                throw InputRejected.badField("status", "open and/or closed");
            }
            statuses.add(t);
        }
        return new Open311Query(
                List.of(),
                new LinkedHashSet<>(list(request, "service_code")),
                start,
                end,
                statuses,
                config.maxResults());
    }

    static List<AppealRecord> filter(Open311Query q, List<AppealRecord> records, ServiceCatalog catalog) {
        return records.stream()
                .filter(r -> matches(q, r, catalog))
                .sorted(Comparator.comparing((AppealRecord r) -> r.intake().receivedAt())
                        .reversed())
                .limit(q.limit())
                .toList();
    }

    static boolean matches(Open311Query q, AppealRecord r, ServiceCatalog catalog) {
        if (!q.ids().isEmpty()) {
            return q.ids().contains(r.intake().appealNo())
                    || q.ids().contains(r.intake().intakeId());
        }
        Instant at = r.intake().receivedAt();
        if (at.isBefore(q.start()) || at.isAfter(q.end())) {
            return false;
        }
        if (!q.statuses().isEmpty() && !q.statuses().contains(Open311Renderer.open(r.status()) ? "open" : "closed")) {
            return false;
        }
        return q.serviceCodes().isEmpty()
                || Open311Title.service(catalog, r.intake().title())
                        .map(ServiceDefinition::code)
                        .filter(q.serviceCodes()::contains)
                        .isPresent();
    }

    /** Every value of a list parameter, repeated and/or comma-delimited, trimmed; empty items dropped. */
    private static List<String> list(InboundRequest request, String name) {
        List<String> out = new ArrayList<>();
        for (String value : request.query().getOrDefault(name, List.of())) {
            for (String item : value.split(",")) {
                if (!item.isBlank()) {
                    out.add(item.strip());
                }
            }
        }
        return out;
    }

    private static Instant date(InboundRequest request, String field) throws InputRejected {
        String v = blankToNull(request.queryParam(field));
        if (v == null) {
            return null;
        }
        Instant at;
        try {
            at = OffsetDateTime.parse(v.replace(' ', '+')).toInstant(); // a '+' decoded as a space
        } catch (DateTimeParseException e) {
            throw InputRejected.badField(field, "expected W3C ISO-8601 with an offset, e.g. 2024-05-30T10:00:05+08:00");
        }
        if (!DateBounds.contains(at)) {
            throw InputRejected.badField(field, "expected " + DateBounds.describe());
        }
        return at;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}

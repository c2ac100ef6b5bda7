package cn.jiesu.channels.open311;

import cn.jiesu.channels.InboundRequest;
import cn.jiesu.channels.InputRejected;
import cn.jiesu.channels.catalog.ServiceCatalog;
import cn.jiesu.channels.catalog.ServiceDefinition;
import cn.jiesu.core.appeal.AppealRecord;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * {@code GET requests.json}: parameters to {@link Open311Query} (service_request_id as a comma list overriding the
 * rest, service_code, start_date/end_date spanning at most the default window, status=open,closed; by default the
 * last 90 days and at most 1000 results), and the in-memory filter over what the store returned.
 */
final class Open311Queries {
    static final int MAX_IDS = 100;

    private Open311Queries() {
    }

    static Open311Query parse(InboundRequest request, Open311Config config, Instant now) throws InputRejected {
        String jurisdiction = blankToNull(request.queryParam("jurisdiction_id"));
        if (jurisdiction != null && config.jurisdictionId() != null && !jurisdiction.equals(config.jurisdictionId())) {
            throw InputRejected.badField("jurisdiction_id", "unknown jurisdiction");
        }
        List<String> ids = new ArrayList<>();
        String idList = blankToNull(request.queryParam("service_request_id"));
        if (idList != null) {
            for (String id : idList.split(",")) {
                String t = id.strip();
                if (!Open311Adapter.plausibleRequestId(t)) {
                    throw InputRejected.badField("service_request_id", "not a request id");
                }
                ids.add(t);
            }
            if (ids.size() > MAX_IDS) {
                throw InputRejected.badField("service_request_id", "at most " + MAX_IDS + " ids");
            }
        }
        Instant start = date(request, "start_date");
        Instant end = date(request, "end_date");
        Duration window = config.defaultWindow();
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
            throw InputRejected.badField("end_date", "start_date to end_date spans more than " + window.toDays()
                    + " days");
        }
        Set<String> statuses = new LinkedHashSet<>();
        String status = blankToNull(request.queryParam("status"));
        if (status != null) {
            for (String s : status.split(",")) {
                String t = s.strip().toLowerCase(Locale.ROOT);
                if (!t.equals("open") && !t.equals("closed")) {
                    throw InputRejected.badField("status", "open and/or closed");
                }
                statuses.add(t);
            }
        }
        return new Open311Query(ids, blankToNull(request.queryParam("service_code")), start, end, statuses,
                config.maxResults());
    }

    static List<AppealRecord> filter(Open311Query q, List<AppealRecord> records, ServiceCatalog catalog) {
        return records.stream()
                .filter(r -> q.ids().isEmpty() ? matches(q, r, catalog)
                        : q.ids().contains(r.intake().appealNo()) || q.ids().contains(r.intake().intakeId()))
                .sorted(Comparator.comparing((AppealRecord r) -> r.intake().receivedAt()).reversed())
                .limit(q.limit())
                .toList();
    }

    private static boolean matches(Open311Query q, AppealRecord r, ServiceCatalog catalog) {
        Instant at = r.intake().receivedAt();
        if (at.isBefore(q.start()) || at.isAfter(q.end())) {
            return false;
        }
        if (!q.statuses().isEmpty()
                && !q.statuses().contains(Open311Renderer.open(r.status()) ? "open" : "closed")) {
            return false;
        }
        if (q.serviceCode() != null) {
            String title = r.intake().title();
            String code = title == null ? null
                    : catalog.byName(title).map(ServiceDefinition::code).orElse(null);
            return Objects.equals(code, q.serviceCode());
        }
        return true;
    }

    private static Instant date(InboundRequest request, String field) throws InputRejected {
        String v = blankToNull(request.queryParam(field));
        if (v == null) {
            return null;
        }
        try {
            return OffsetDateTime.parse(v.replace(' ', '+')).toInstant(); // a '+' decoded as a space
        } catch (DateTimeParseException e) {
            throw InputRejected.badField(field, "expected W3C ISO-8601 with an offset, e.g. 2024-05-30T10:00:05+08:00");
        }
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}

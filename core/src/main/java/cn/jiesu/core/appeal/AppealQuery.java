package cn.jiesu.core.appeal;

import java.util.List;

/**
 * A search over stored appeals: every filter must hold; newest first; {@code limit} per page, from after
 * {@code after} (null: from the newest).
 */
public record AppealQuery(List<AppealFilter> filters, AppealCursor after, int limit) {
    public AppealQuery {
        filters = List.copyOf(filters);
        if (filters.isEmpty()) {
            throw new IllegalArgumentException("filters: at least one");
        }
        if (limit < 1) {
            throw new IllegalArgumentException("limit: at least 1");
        }
    }

    /** The filter of type {@code type}, or null. */
    public <F extends AppealFilter> F filter(Class<F> type) {
        return filters.stream()
                .filter(type::isInstance)
                .map(type::cast)
                .findFirst()
                .orElse(null);
    }
}

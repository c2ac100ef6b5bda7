package cn.jiesu.core.appeal;

import java.util.List;

/**
 * One page of a search, newest first. {@code next} is where the next page starts, null when there is none; a
 * filter's expanded form (the bound identities of a citizen) is in {@code filters}.
 */
public record AppealPage(List<AppealRecord> items, AppealCursor next, List<AppealFilter> filters) {
    public AppealPage {
        items = List.copyOf(items);
        filters = List.copyOf(filters);
    }
}

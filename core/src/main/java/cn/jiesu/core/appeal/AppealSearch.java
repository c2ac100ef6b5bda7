package cn.jiesu.core.appeal;

import java.util.concurrent.CompletionStage;

/** Finds stored appeals by the filters of a query, newest first, a page at a time. Non-blocking. */
public interface AppealSearch {
    CompletionStage<AppealPage> find(AppealQuery query);
}

package cn.jiesu.core.appeal;

/** Where an appeal is in its handling, as the citizen is told it. */
public enum AppealStatus {
    /** 已受理: on the queue, not yet picked up. */
    RECEIVED,
    /** 办理中: dispatched to a handling unit. */
    IN_PROGRESS,
    /** 已办结: the handling unit reported a result. */
    RESOLVED,
    /** 已关闭: closed after the return visit. */
    CLOSED
}

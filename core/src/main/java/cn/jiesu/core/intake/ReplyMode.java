package cn.jiesu.core.intake;

/** How the answer reaches the citizen. */
public enum ReplyMode {
    PASSIVE,
    CS_API,
    TEMPLATE,
    SMS,
    CALLBACK,
    MANUAL,
    NONE
}

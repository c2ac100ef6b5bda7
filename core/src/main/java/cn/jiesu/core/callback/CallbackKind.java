package cn.jiesu.core.callback;

/** Why a citizen is being called back; decides the default mode and the deadline rule. */
public enum CallbackKind {
    /** The citizen asked to be called back (IVR "keep my place", web/app "call me back"). */
    CALLBACK_REQUESTED,
    /** The citizen hung up in the IVR or the queue before reaching an agent. */
    ABANDONED_CALL,
    /** The return-visit rule: a phone appeal gets a call within its deadline (回访). */
    RETURN_VISIT,
    /** After a resolution: the satisfaction survey (满意度回访). */
    SURVEY,
    /** An agent booked a time the citizen asked for. */
    AGENT_SCHEDULED
}

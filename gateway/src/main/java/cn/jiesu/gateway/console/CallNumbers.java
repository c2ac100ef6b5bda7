package cn.jiesu.gateway.console;

import io.vertx.core.Future;

/**
 * The 受理号 (appeal number) of a call, reserved when an agent answers it so that they can read it to the citizen
 * during the call: the tracker's appeal of the call gets this number at hangup ({@link AppealForms#reserve}).
 */
interface CallNumbers {

    /** The number of call {@code linkedid}'s appeal; the same for every agent and every ask. */
    Future<String> reserve(String linkedid);

    /** For consoles without an appeal store behind them (unit tests): no number. */
    static CallNumbers none() {
        return linkedid -> Future.succeededFuture(null);
    }
}

package cn.jiesu.channels;

import cn.jiesu.core.appeal.AppendResult;

/**
 * Renders the reply to send once the intake has been appended: the ids in {@link AppendResult} are the first
 * append's when the message was a duplicate, so a retried request gets the same appeal number back.
 */
@FunctionalInterface
public interface AckRenderer {
    HttpReply render(AppendResult appended);

    /** A reply that does not depend on the append (WeChat's {@code success}, Weibo's empty body). */
    static AckRenderer fixed(HttpReply reply) {
        return appended -> reply;
    }
}

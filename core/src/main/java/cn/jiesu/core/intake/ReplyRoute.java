package cn.jiesu.core.intake;

/**
 * Where and how the answer to an appeal goes.
 *
 * @param target openid, uid, phone number or service request id, depending on the channel
 */
public record ReplyRoute(Channel channel, String target, ReplyMode mode) {
    public static final ReplyRoute NONE = new ReplyRoute(null, null, ReplyMode.NONE);
}

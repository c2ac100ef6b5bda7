package cn.jiesu.ivr.ami;

import org.asteriskjava.manager.action.OriginateAction;

/** Builds Asterisk-Java's OriginateAction from our request: async, to an extension, with ChannelId and ActionID. */
final class OriginateActions {
    private OriginateActions() {}

    static OriginateAction of(OriginateRequest r, String actionId) {
        OriginateAction a = new OriginateAction();
        a.setChannel(r.channel());
        a.setContext(r.context());
        a.setExten(r.exten());
        a.setPriority(r.priority());
        if (r.callerId() != null) {
            a.setCallerId(r.callerId());
        }
        if (!r.variables().isEmpty()) {
            a.setVariables(r.variables());
        }
        a.setTimeout(r.ringTimeout().toMillis());
        a.setAsync(true);
        a.setChannelId(r.channelId());
        a.setActionId(actionId);
        return a;
    }
}

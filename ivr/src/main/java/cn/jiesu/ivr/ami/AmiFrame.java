package cn.jiesu.ivr.ami;

import java.util.Map;

/**
 * One AMI message as raw key/value pairs: an event ({@code Event:}), a response ({@code Response:}). Keys keep the
 * wire's spelling; a repeated key keeps its first value. The event channel's variables (manager.conf
 * {@code channelvars}; see {@link ChanVariables}) go to {@link #chanVars()}, non-empty values only.
 */
public record AmiFrame(Map<String, String> fields, Map<String, String> chanVars) {

    public String get(String key) {
        return fields.get(key);
    }

    /** The event name, or null for a response. */
    public String event() {
        return fields.get("Event");
    }
}

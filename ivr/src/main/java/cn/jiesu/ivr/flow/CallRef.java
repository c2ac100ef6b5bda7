package cn.jiesu.ivr.flow;

import java.util.Map;
import java.util.Objects;

/**
 * What the IVR knows about the call it serves, from the AGI request.
 *
 * @param script   the FastAGI script name without query string ({@code ivr}, {@code callback}, ...)
 * @param channel  the Asterisk channel name (PHONE channel in the appeal)
 * @param uniqueid Uniqueid of the caller's channel
 * @param linkedid Linkedid of the call: the appeal's messageId and the voice message file name
 * @param callerId the caller's number (ANI), or null; never log it at info level
 * @param language the channel language Asterisk reported when the session started
 * @param params   query parameters of the AGI URL ({@code callback?ticket=T1} gives {@code ticket=T1})
 */
public record CallRef(
        String script,
        String channel,
        String uniqueid,
        String linkedid,
        String callerId,
        String language,
        Map<String, String> params) {
    public CallRef {
        Objects.requireNonNull(script, "script");
        params = params == null ? Map.of() : Map.copyOf(params);
    }
}

package cn.jiesu.gateway.console;

import cn.jiesu.core.intake.Intake;
import cn.jiesu.core.intake.RequestType;
import cn.jiesu.core.intake.Urgency;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The appeal form an agent completes during a call: what the citizen said, where, what kind of request and how
 * urgent. Validated on construction.
 */
public record AppealForm(String content, String address, RequestType requestType, Urgency urgency) {
    public static final int MAX_ADDRESS_CHARS = 500;

    public AppealForm {
        content = content == null ? "" : content.strip();
        address = address == null ? "" : address.strip();
        if (content.isEmpty()) {
            throw new IllegalArgumentException("content: required");
        }
        if (content.length() > Intake.MAX_CONTENT_CHARS) {
            throw new IllegalArgumentException("content: longer than " + Intake.MAX_CONTENT_CHARS + " characters");
        }
        if (address.length() > MAX_ADDRESS_CHARS) {
            throw new IllegalArgumentException("address: longer than " + MAX_ADDRESS_CHARS + " characters");
        }
        if (requestType == null) {
            throw new IllegalArgumentException("requestType: required");
        }
        if (urgency == null) {
            throw new IllegalArgumentException("urgency: required");
        }
    }

    /** The intake codec fields this form overwrites on the call's appeal. */
    public Map<String, String> fields() {
        Map<String, String> f = new LinkedHashMap<>();
        f.put("content", content);
        if (!address.isEmpty()) {
            f.put("location", "1");
            f.put("location.addressText", address);
        }
        f.put("requestType", requestType.name());
        f.put("urgency", urgency.name());
        return f;
    }
}

package cn.jiesu.core.classify;

import cn.jiesu.core.intake.RequestType;
import cn.jiesu.core.intake.Urgency;

/**
 * What the citizen chose themselves (an IVR key, a form field, an Open311 service_code's mapping); either part
 * may be null. An explicit choice wins over keyword rules.
 */
public record ExplicitChoice(RequestType requestType, Urgency urgency) {
    public static final ExplicitChoice NONE = new ExplicitChoice(null, null);
}

package cn.jiesu.core.callback;

import java.time.Instant;
import java.util.Objects;

/**
 * A handling result reported by the downstream system: it moves the appeal to RESOLVED, counts towards 解决率 and
 * schedules the satisfaction survey.
 *
 * @param handledBy  the handling unit (承办单位)
 * @param result     what was done, as reported
 * @param resolved   whether the problem was solved (解决)
 * @param reportedAt when the result was reported
 */
public record Resolution(String intakeId, String handledBy, String result, boolean resolved, Instant reportedAt) {
    public static final int MAX_RESULT_CHARS = 4000;

    public Resolution {
        if (intakeId == null || intakeId.isBlank()) {
            throw new IllegalArgumentException("intakeId: required");
        }
        if (handledBy == null || handledBy.isBlank()) {
            throw new IllegalArgumentException("handledBy: required");
        }
        if (handledBy.length() > 200) {
            throw new IllegalArgumentException("handledBy: longer than 200 characters");
        }
        if (result != null && result.length() > MAX_RESULT_CHARS) {
            throw new IllegalArgumentException("result: longer than " + MAX_RESULT_CHARS + " characters");
        }
        Objects.requireNonNull(reportedAt, "reportedAt: required");
    }
}

package cn.jiesu.core.callback;

import java.time.Instant;
import java.util.Objects;

/**
 * A callback to be scheduled, before the planner applied the calling window and the defaults: what
 * {@link CallbackTriggers} make from appeals, resolutions and agents' bookings.
 *
 * @param number normalized phone number (digits only)
 * @param mode   null for the kind's default
 * @param queue  null for the default queue (the emergency queue for emergencies)
 */
public record CallbackDraft(
        String intakeId,
        CallbackKind kind,
        String number,
        Instant notBefore,
        Instant deadline,
        boolean emergency,
        CallbackMode mode,
        String queue) {
    public CallbackDraft {
        if (intakeId == null || intakeId.isBlank()) {
            throw new IllegalArgumentException("intakeId: required");
        }
        if (number == null || number.isBlank()) {
            throw new IllegalArgumentException("number: required");
        }
        Objects.requireNonNull(kind, "kind: required");
        Objects.requireNonNull(notBefore, "notBefore: required");
        Objects.requireNonNull(deadline, "deadline: required");
        if (!deadline.isAfter(notBefore)) {
            throw new IllegalArgumentException("deadline: must be after notBefore");
        }
    }
}

package cn.jiesu.ivr.call;

import cn.jiesu.core.intake.Attachment;
import cn.jiesu.core.intake.CallDisposition;
import cn.jiesu.core.intake.CallInfo;
import cn.jiesu.core.intake.Channel;
import cn.jiesu.core.intake.Citizen;
import cn.jiesu.core.intake.ContentType;
import cn.jiesu.core.intake.Intake;
import cn.jiesu.core.intake.IntakeIds;
import cn.jiesu.core.intake.PhoneNumbers;
import cn.jiesu.core.intake.ReplyMode;
import cn.jiesu.core.intake.ReplyRoute;
import cn.jiesu.core.intake.RequestType;
import cn.jiesu.core.intake.Urgency;
import cn.jiesu.core.sla.SlaPolicy;
import cn.jiesu.ivr.dialplan.DialplanVariables;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Turns a finished call into its phone appeal. The dedupe key is {@code PHONE|12345|<Linkedid>} (the hotline's
 * account), so however often a call is closed (tracker restart, reconcile) the intake queue holds it once; the call's
 * dnis is the number the citizen dialled, a merged legacy hotline's where the dialplan says so.
 */
public final class CallIntakeFactory {
    /** Signature scheme of phone appeals: the call was seen by the gateway's own AMI session. */
    public static final String SCHEME = "AMI";

    private static final Set<CallDisposition> CALL_BACK =
            Set.of(CallDisposition.ABANDONED_IVR, CallDisposition.ABANDONED_QUEUE, CallDisposition.LOST);

    private final TrackerSettings settings;
    private final SlaPolicy sla;
    private final IntakeIds ids;

    public CallIntakeFactory(TrackerSettings settings, SlaPolicy sla, IntakeIds ids) {
        this.settings = settings;
        this.sla = sla;
        this.ids = ids;
    }

    public Intake intakeOf(EndedCall call) {
        String callerNumber = PhoneNumbers.normalize(call.callerNumber());
        boolean callback = CALL_BACK.contains(call.disposition()) || "1".equals(call.var(DialplanVariables.CALLBACK));
        String stated = PhoneNumbers.normalize(call.var(DialplanVariables.CALLBACK_NUMBER));
        String contact = stated != null ? stated : callerNumber;
        Urgency urgency = enumOrNull(Urgency.class, call.var(DialplanVariables.URGENCY));
        String recording = call.var(DialplanVariables.RECORDING);
        Integer durationS = (int)
                Math.max(0, Duration.between(call.startedAt(), call.endedAt()).toSeconds());
        String dnis = call.var(DialplanVariables.DNIS) != null ? call.var(DialplanVariables.DNIS) : settings.dnis();
        CallInfo info = new CallInfo(
                call.linkedid(),
                call.callerUniqueid(),
                dnis,
                call.queue(),
                call.agent(),
                call.var(DialplanVariables.LANG),
                pathOf(call.var(DialplanVariables.PATH)),
                recording,
                call.hangupCause(),
                durationS,
                call.disposition());
        return Intake.builder()
                .intakeId(ids.next())
                .channel(Channel.PHONE)
                .channelAccount(settings.dnis())
                .channelMessageId(call.linkedid())
                .receivedAt(call.startedAt())
                .occurredAt(call.startedAt())
                .contentType(ContentType.CALL)
                .attachments(
                        recording == null ? List.of() : List.of(new Attachment("RECORDING", recording, null, null, -1)))
                .citizen(new Citizen(null, null, stated, callerNumber, null, false))
                .requestType(enumOrNull(RequestType.class, call.var(DialplanVariables.REQTYPE)))
                .urgency(urgency)
                .dueAt(sla.dueAt(urgency == null ? Urgency.NORMAL : urgency, call.startedAt()))
                .callbackRequested(callback)
                .callbackNumber(callback ? contact : null)
                .replyRoute(new ReplyRoute(Channel.PHONE, contact, ReplyMode.CALLBACK))
                .signatureVerified(true)
                .signatureScheme(SCHEME)
                .call(info)
                .build();
    }

    static List<String> pathOf(String path) {
        if (path == null || path.isBlank()) {
            return List.of();
        }
        return Arrays.stream(path.split(","))
                .map(String::trim)
                .filter(s -> !s.isEmpty())
                .toList();
    }

    private static <E extends Enum<E>> E enumOrNull(Class<E> type, String name) {
        if (name == null || name.isBlank()) {
            return null;
        }
        try {
            return Enum.valueOf(type, name.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return null; // an unknown value from the IVR must not lose the appeal; the default applies
        }
    }
}

package cn.jiesu.core.callback;

import cn.jiesu.core.intake.CallDisposition;
import cn.jiesu.core.intake.Channel;
import cn.jiesu.core.intake.Citizen;
import cn.jiesu.core.intake.Intake;
import cn.jiesu.core.intake.PhoneNumbers;
import cn.jiesu.core.intake.Urgency;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * What creates a callback, as drafts for the {@link CallbackPlanner}:
 * <ul>
 *   <li>an appeal with {@code callbackRequested}: ABANDONED_CALL when a phone call was abandoned in the IVR or the
 *       queue, else CALLBACK_REQUESTED; deadline receivedAt + {@code requestedWithin};</li>
 *   <li>otherwise the return-visit rule: a phone appeal whose request type is configured gets a RETURN_VISIT with
 *       deadline receivedAt + that type's duration (default every type, 2 h);</li>
 *   <li>a resolution: a SURVEY from resolvedAt + {@code surveyDelay} to resolvedAt + {@code surveyWithin};</li>
 *   <li>an agent's booking: AGENT_SCHEDULED from the citizen's chosen time to that time + {@code scheduledSlack}.</li>
 * </ul>
 * The number called is the callback number, else the citizen's stated phone, else the caller number, normalized.
 * EMERGENCY appeals make emergency callbacks. Pure and thread-safe.
 */
public final class CallbackTriggers {
    private final CreationRules rules;

    public CallbackTriggers(CreationRules rules) {
        this.rules = rules;
    }

    /** The callback an appeal creates when it arrives, if any (none without a number to call). */
    public Optional<CallbackDraft> forAppeal(Intake in) {
        String number = numberOf(in);
        if (number == null) {
            return Optional.empty();
        }
        boolean emergency = in.urgency() == Urgency.EMERGENCY;
        Instant received = in.receivedAt();
        if (in.callbackRequested()) {
            CallbackKind kind = abandoned(in) ? CallbackKind.ABANDONED_CALL : CallbackKind.CALLBACK_REQUESTED;
            return Optional.of(new CallbackDraft(
                    in.intakeId(),
                    kind,
                    number,
                    received,
                    received.plus(rules.requestedWithin()),
                    emergency,
                    null,
                    null));
        }
        Duration within = in.channel() == Channel.PHONE ? rules.returnVisit().get(in.requestType()) : null;
        if (within == null) {
            return Optional.empty();
        }
        return Optional.of(new CallbackDraft(
                in.intakeId(),
                CallbackKind.RETURN_VISIT,
                number,
                received,
                received.plus(within),
                emergency,
                null,
                null));
    }

    /** The satisfaction survey after a resolution; empty without a number to call. */
    public Optional<CallbackDraft> survey(Intake in, Instant resolvedAt) {
        String number = numberOf(in);
        if (number == null) {
            return Optional.empty();
        }
        return Optional.of(new CallbackDraft(
                in.intakeId(),
                CallbackKind.SURVEY,
                number,
                resolvedAt.plus(rules.surveyDelay()),
                resolvedAt.plus(rules.surveyWithin()),
                false,
                null,
                null));
    }

    /**
     * A callback at the time the citizen chose.
     *
     * @param number the number to call, or null for the appeal's
     */
    public Optional<CallbackDraft> scheduled(Intake in, String number, Instant at) {
        String n = number != null ? PhoneNumbers.normalize(number) : numberOf(in);
        if (n == null) {
            return Optional.empty();
        }
        return Optional.of(new CallbackDraft(
                in.intakeId(),
                CallbackKind.AGENT_SCHEDULED,
                n,
                at,
                at.plus(rules.scheduledSlack()),
                in.urgency() == Urgency.EMERGENCY,
                null,
                null));
    }

    /** The normalized number to call for an appeal, or null. */
    public static String numberOf(Intake in) {
        String n = PhoneNumbers.normalize(in.callbackNumber());
        if (n == null) {
            n = PhoneNumbers.normalize(in.citizen().contactNumber());
        }
        if (n == null) {
            n = PhoneNumbers.normalize(in.citizen().callerNumber());
        }
        return n;
    }

    /**
     * Whether {@code number} is one the appeal's citizen gave or called from (callback number, stated phone, caller
     * number), compared normalized. A booking to any other number makes the city's trunk dial a stranger, so it needs
     * an agent's explicit override.
     */
    public static boolean isCitizenNumber(Intake in, String number) {
        String n = PhoneNumbers.normalize(number);
        if (n == null) {
            return false;
        }
        Citizen c = in.citizen();
        for (String known :
                new String[] {in.callbackNumber(), c == null ? null : c.phone(), c == null ? null : c.callerNumber()}) {
            if (n.equals(PhoneNumbers.normalize(known))) {
                return true;
            }
        }
        return false;
    }

    private static boolean abandoned(Intake in) {
        return in.channel() == Channel.PHONE
                && in.call() != null
                && (in.call().disposition() == CallDisposition.ABANDONED_IVR
                        || in.call().disposition() == CallDisposition.ABANDONED_QUEUE);
    }
}

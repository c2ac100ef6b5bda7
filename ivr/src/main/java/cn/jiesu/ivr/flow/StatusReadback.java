package cn.jiesu.ivr.flow;

import cn.jiesu.core.appeal.AppealRecord;
import cn.jiesu.core.appeal.AppealStatus;
import cn.jiesu.core.appeal.AppealStore;
import cn.jiesu.core.intake.Intake;
import cn.jiesu.core.intake.PhoneNumbers;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The status-lookup node: finds an appeal by the number the caller keyed and reads back its status, and its due date
 * to the appeal's own citizen only. Appeal numbers are sequential ({@code yyMMdd} + counter), so the lookup is
 * bounded as a hotline would: a daily budget per calling number (callers without one share a bucket), at most
 * {@link StatusLookupGuard#maxMissesPerCall()} unknown numbers per call, and a caller who is not the citizen learns
 * only that the appeal exists and where it stands. Stateless; the budget and the lookup each block the session's
 * (virtual) thread for at most the node's timeout.
 */
final class StatusReadback {
    private final AppealStore appeals;
    private final StatusLookupGuard guard;

    StatusReadback(AppealStore appeals, StatusLookupGuard guard) {
        this.appeals = appeals;
        this.guard = guard;
    }

    FlowInterpreter.Step run(Node.StatusLookup node, CallSession s) {
        String appealNo = s.slot(node.appealNoSlot());
        String caller = PhoneNumbers.normalize(s.call().callerId());
        Optional<AppealRecord> found;
        try {
            if (!await(guard.budget().take(caller), node)) {
                s.observer().played(s.call(), "lookup-limit");
                if (node.limitPrompt() != null) {
                    s.play(node.limitPrompt(), "");
                }
                return FlowInterpreter.take(node.onFailure(), s);
            }
            found = appealNo == null || appealNo.isEmpty()
                    ? Optional.empty()
                    : await(appeals.byAppealNo(appealNo), node);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while looking up an appeal", e);
        } catch (ExecutionException | TimeoutException e) {
            s.observer().degraded(s.call(), "lookup", e instanceof ExecutionException ? e.getCause() : e);
            return FlowInterpreter.take(node.onError(), s);
        }
        if (found.isEmpty()) {
            if (node.notFoundPrompt() != null) {
                s.play(node.notFoundPrompt(), "");
            }
            boolean withinCall = s.lookupMiss() < guard.maxMissesPerCall();
            boolean mayRetry =
                    withinCall && node.retry() != null && s.visit(node.name() + "#not-found") <= node.retries();
            return mayRetry ? new FlowInterpreter.Step.Next(node.retry()) : FlowInterpreter.take(node.onFailure(), s);
        }
        AppealRecord appeal = found.get();
        s.apply(node.found());
        s.play(node.statusPrompts().get(appeal.status()), "");
        if (!citizenCalling(caller, appeal.intake())) {
            // Anyone may learn that an appeal exists and its status (as a parcel number would tell); the deadline
            // and anything else of the case only its citizen, or an agent once the caller is known.
            s.observer().played(s.call(), "lookup-other-caller");
            if (node.otherCallerPrompt() != null) {
                s.play(node.otherCallerPrompt(), "");
            }
            return new FlowInterpreter.Step.Next(node.next());
        }
        Instant due = appeal.intake().dueAt();
        // A deadline only matters while the appeal is open.
        boolean open = appeal.status() == AppealStatus.RECEIVED || appeal.status() == AppealStatus.IN_PROGRESS;
        if (due != null && open) {
            if (node.duePrompt() != null) {
                s.play(node.duePrompt(), "");
            }
            sayDue(node, s, due);
        }
        return new FlowInterpreter.Step.Next(node.next());
    }

    private static <T> T await(CompletionStage<T> stage, Node.StatusLookup node)
            throws InterruptedException, ExecutionException, TimeoutException {
        return stage.toCompletableFuture().get(node.timeout().toMillis(), TimeUnit.MILLISECONDS);
    }

    /**
     * Whether the call comes from one of the numbers the appeal's citizen gave or called from, compared normalized.
     * Caller ID can be spoofed: this keeps strangers from reading a walked number's details, it does not prove who
     * is calling (RELIABILITY.md).
     */
    static boolean citizenCalling(String caller, Intake appeal) {
        if (caller == null) {
            return false;
        }
        return caller.equals(PhoneNumbers.normalize(appeal.citizen().callerNumber()))
                || caller.equals(PhoneNumbers.normalize(appeal.citizen().phone()))
                || caller.equals(PhoneNumbers.normalize(appeal.callbackNumber()));
    }

    private static void sayDue(Node.StatusLookup node, CallSession s, Instant due) {
        String format = node.dueFormats().getOrDefault(s.language(), "digits");
        IvrChannel channel = s.channel();
        if ("digits".equals(format)) {
            // Year, month, day as digit groups: needs only the digit prompts, which every language ships.
            LocalDate date = due.atZone(node.zone()).toLocalDate();
            s.observer().played(s.call(), "date:" + date);
            channel.sayDigits(Integer.toString(date.getYear()), "");
            channel.sayDigits(Integer.toString(date.getMonthValue()), "");
            channel.sayDigits(Integer.toString(date.getDayOfMonth()), "");
        } else {
            s.observer().played(s.call(), "date:" + due.atZone(node.zone()).toLocalDate());
            channel.sayDateTime(due, format, node.zone(), "");
        }
    }
}

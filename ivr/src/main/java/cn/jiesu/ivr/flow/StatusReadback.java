package cn.jiesu.ivr.flow;

import cn.jiesu.core.appeal.AppealRecord;
import cn.jiesu.core.appeal.AppealStatus;
import cn.jiesu.core.appeal.AppealStore;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The status-lookup node: finds an appeal by the number the caller keyed and reads back its status and due date.
 * Stateless; the store lookup blocks the session's (virtual) thread for at most the node's timeout.
 */
final class StatusReadback {
    private final AppealStore appeals;

    StatusReadback(AppealStore appeals) {
        this.appeals = appeals;
    }

    FlowInterpreter.Step run(Node.StatusLookup node, CallSession s) {
        String appealNo = s.slot(node.appealNoSlot());
        Optional<AppealRecord> found;
        try {
            found = appealNo == null || appealNo.isEmpty() ? Optional.empty()
                    : appeals.byAppealNo(appealNo).toCompletableFuture()
                            .get(node.timeout().toMillis(), TimeUnit.MILLISECONDS);
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
            boolean mayRetry = node.retry() != null && s.visit(node.name() + "#not-found") <= node.retries();
            return mayRetry ? new FlowInterpreter.Step.Next(node.retry()) : FlowInterpreter.take(node.onFailure(), s);
        }
        AppealRecord appeal = found.get();
        s.apply(node.found());
        s.play(node.statusPrompts().get(appeal.status()), "");
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

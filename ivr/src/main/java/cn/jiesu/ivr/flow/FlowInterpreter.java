package cn.jiesu.ivr.flow;

import cn.jiesu.core.appeal.AppealStore;
import cn.jiesu.ivr.dialplan.DialplanVariables;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs IVR flows from an {@link IvrDefinition} against a caller's {@link IvrChannel}.
 *
 * <p>Thread-safe and stateless: one instance serves every session at once; per-call state lives in a
 * {@link CallSession} local to {@link #run}. {@link #run} blocks for the whole session (it is meant for a virtual
 * thread) and never throws for anything the caller or Asterisk does: hangups and failures are results.
 */
public final class FlowInterpreter {
    /** A flow that visits more nodes than this is looping (e.g. not-found → retry without a bound). */
    static final int MAX_STEPS = 200;

    private static final Logger log = LoggerFactory.getLogger(FlowInterpreter.class);

    private final IvrDefinition definition;
    private final WaitEstimator waits;
    private final FlowObserver observer;
    private final StatusReadback statusReadback;

    /** Status lookups without a daily budget (tests, benchmarks). */
    public FlowInterpreter(IvrDefinition definition, AppealStore appeals, WaitEstimator waits, FlowObserver observer) {
        this(definition, appeals, waits, observer, StatusLookupGuard.withoutBudget());
    }

    public FlowInterpreter(
            IvrDefinition definition,
            AppealStore appeals,
            WaitEstimator waits,
            FlowObserver observer,
            StatusLookupGuard lookups) {
        this.definition = Objects.requireNonNull(definition, "definition");
        this.waits = Objects.requireNonNull(waits, "waits");
        this.observer = Objects.requireNonNull(observer, "observer");
        this.statusReadback = new StatusReadback(
                Objects.requireNonNull(appeals, "appeals"), Objects.requireNonNull(lookups, "lookups"));
    }

    public IvrDefinition definition() {
        return definition;
    }

    /** Runs flow {@code flowName} for {@code call} until it routes, ends, or the caller hangs up. */
    public FlowResult run(String flowName, CallRef call, IvrChannel channel) {
        Flow flow = definition.flow(flowName);
        CallSession session = new CallSession(call, channel, definition.promptPrefix(), observer);
        FlowResult result;
        try {
            result = walk(flow, session);
        } catch (CallerHangupException e) {
            log.debug("caller hung up in flow {} on {}", flowName, call.channel());
            result = new FlowResult.HungUp();
        } catch (ChannelException e) {
            log.warn("AGI {} failure in flow {} on {}: {}", e.failure(), flowName, call.channel(), e.getMessage());
            result = new FlowResult.Failed(e.kind(), e);
            if (e.failure() == ChannelException.Failure.PROTOCOL) {
                routeToAgentAfterFailure(session);
            }
        } catch (RuntimeException e) {
            log.error("flow {} failed on {}", flowName, call.channel(), e);
            result = new FlowResult.Failed("script", e);
            routeToAgentAfterFailure(session);
        }
        observer.ended(call, result);
        return result;
    }

    private FlowResult walk(Flow flow, CallSession session) {
        session.channel().answer();
        if (flow.language() != null) {
            session.useLanguage(flow.language());
        }
        String next = flow.start();
        for (int steps = 0; steps < MAX_STEPS; steps++) {
            Node node = definition.node(next);
            session.visit(node.name());
            Step step = execute(node, session);
            if (step instanceof Step.Done done) {
                return done.result();
            }
            next = ((Step.Next) step).node();
        }
        log.warn(
                "flow {} looped through {} nodes on {}",
                flow.name(),
                MAX_STEPS,
                session.call().channel());
        routeToAgentAfterFailure(session);
        return new FlowResult.Failed("loop", null);
    }

    private Step execute(Node node, CallSession s) {
        return switch (node) {
            case Node.Play play -> {
                s.playAll(play.prompts(), "");
                yield new Step.Next(play.next());
            }
            case Node.SetVars set -> {
                s.apply(set.effects());
                yield new Step.Next(set.next());
            }
            case Node.Menu menu -> menu(menu, s);
            case Node.ReadDigits read -> readDigits(read, s);
            case Node.StatusLookup lookup -> statusReadback.run(lookup, s);
            case Node.Record record -> record(record, s);
            case Node.Queue queue -> {
                s.apply(queue.effects());
                s.playAll(queue.prompts(), "");
                s.set(DialplanVariables.QUEUE, queue.queue());
                s.set(DialplanVariables.ROUTE, DialplanVariables.ROUTE_QUEUE);
                yield new Step.Done(new FlowResult.Queued(queue.queue()));
            }
            case Node.Hangup hangup -> {
                s.apply(hangup.effects());
                s.set(DialplanVariables.ROUTE, DialplanVariables.ROUTE_DONE);
                s.playAll(hangup.prompts(), "");
                yield new Step.Done(new FlowResult.Completed());
            }
        };
    }

    private Step menu(Node.Menu menu, CallSession s) {
        Node.WaitGuard guard = menu.guard();
        if (guard != null && waits.estimatedWait(guard.queue()).compareTo(guard.threshold()) <= 0) {
            return new Step.Next(guard.otherwise());
        }
        String typedAhead = "";
        for (int attempt = 0; attempt <= menu.retries(); attempt++) {
            String key = typedAhead.isEmpty() ? s.menuKey(menu.prompts(), menu.timeout()) : typedAhead;
            typedAhead = "";
            if (key.isEmpty()) {
                continue;
            }
            Choice choice = menu.options().get(key);
            if (choice == null) {
                // A key pressed during "invalid" is the next try: callers who know the menu need not hear it again.
                typedAhead = s.play(menu.invalidPrompt(), CallSession.ANY_KEY);
                continue;
            }
            Effects effects = choice.effects();
            if (effects.path() == null && menu.pathKey() != null) {
                effects = effects.withPath(menu.pathKey() + ":" + key);
            }
            s.apply(effects);
            return new Step.Next(choice.next());
        }
        return take(menu.onFailure(), s);
    }

    private Step readDigits(Node.ReadDigits read, CallSession s) {
        for (int attempt = 0; attempt <= read.retries(); attempt++) {
            String digits = s.readDigits(read.prompt(), read.timeout(), read.maxDigits());
            if (digits.length() >= read.minDigits() && digits.chars().allMatch(Character::isDigit)) {
                s.putSlot(read.into(), digits);
                return new Step.Next(read.next());
            }
            if (!digits.isEmpty()) {
                s.play(read.invalidPrompt(), "");
            }
        }
        return take(read.onFailure(), s);
    }

    private Step record(Node.Record record, CallSession s) {
        CallRef call = s.call();
        String id = call.linkedid() != null ? call.linkedid() : call.uniqueid();
        String file = record.dir() + "/" + record.filePrefix() + id;
        // Set before recording: a caller who hangs up instead of pressing # still leaves a message.
        s.set(DialplanVariables.RECORDING, file + "." + record.format());
        s.apply(record.effects());
        if (record.prompt() != null) {
            s.play(record.prompt(), "");
        }
        s.observer().played(call, "record:" + file);
        s.channel().recordFile(file, record.format(), "#", record.maxDuration(), record.maxSilence(), record.beep());
        return new Step.Next(record.next());
    }

    static Step take(Choice choice, CallSession s) {
        s.apply(choice.effects());
        return new Step.Next(choice.next());
    }

    /** Best effort after a bug or a loop: a person can still help the caller. */
    private void routeToAgentAfterFailure(CallSession s) {
        try {
            s.set(DialplanVariables.OUTCOME, "error");
            s.set(DialplanVariables.QUEUE, "general");
            s.set(DialplanVariables.ROUTE, DialplanVariables.ROUTE_QUEUE);
        } catch (RuntimeException e) {
            log.debug("could not route {} to an agent after a failure", s.call().channel(), e);
        }
    }

    /** What executing a node gave: the next node or the end of the session. */
    sealed interface Step {
        record Next(String node) implements Step {}

        record Done(FlowResult result) implements Step {}
    }
}

package cn.jiesu.ivr.flow;

import cn.jiesu.core.appeal.AppealStatus;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

/**
 * One step of an IVR flow, as declared under {@code ivr.nodes} in ivr.yaml. The YAML key {@code action} picks the
 * record; {@link IvrDefinitionParser} validates every field before a node exists.
 */
public sealed interface Node {

    String name();

    /** Plays prompts without listening, then goes on. */
    record Play(String name, List<Prompt> prompts, String next) implements Node {
        public Play {
            prompts = List.copyOf(prompts);
        }
    }

    /** Applies effects (variables, path) and goes on. */
    record SetVars(String name, Effects effects, String next) implements Node {}

    /**
     * Plays prompts (keys barge in) and takes one key. Invalid keys play {@code invalidPrompt}; invalid or no input
     * repeats the menu up to {@code retries} times, then {@code onFailure} applies. With a {@code guard} (action
     * {@code callback-offer}) the menu is only offered when the queue's estimated wait exceeds the threshold.
     *
     * @param pathKey prefix of the path entry ({@code menu} gives {@code menu:2}), or null for no entry
     */
    record Menu(
            String name,
            List<Prompt> prompts,
            Duration timeout,
            int retries,
            Prompt invalidPrompt,
            String pathKey,
            Map<String, Choice> options,
            Choice onFailure,
            WaitGuard guard)
            implements Node {
        public Menu {
            prompts = List.copyOf(prompts);
            options = Map.copyOf(options);
        }
    }

    /** The callback offer's condition: offer only when {@code queue}'s wait exceeds {@code threshold}. */
    record WaitGuard(String queue, Duration threshold, String otherwise) {}

    /** Collects a number keyed by the caller ({@code #} ends it) into a slot. */
    record ReadDigits(
            String name,
            Prompt prompt,
            String into,
            int minDigits,
            int maxDigits,
            Duration timeout,
            int retries,
            Prompt invalidPrompt,
            String next,
            Choice onFailure)
            implements Node {}

    /**
     * Looks an appeal up by the number in {@code appealNoSlot} and reads back its status, and its due date only to
     * a call from one of the appeal citizen's numbers (caller number, stated phone, callback number); other callers
     * hear the status and then {@code otherCallerPrompt}. A caller whose daily lookups are spent hears
     * {@code limitPrompt} and {@code onFailure} applies, as it does after too many unknown numbers.
     *
     * @param dueFormats        per language: {@code digits} (year, month, day as digits) or a SAY DATETIME format
     * @param retry             node to ask for the number again when it is not found, at most {@code retries}
     *                          times (and never past {@link StatusLookupGuard#maxMissesPerCall()} in the call)
     * @param limitPrompt       played when the caller's lookups of the day are spent, or null
     * @param otherCallerPrompt played after the status to a caller who is not the appeal's citizen, or null
     */
    record StatusLookup(
            String name,
            String appealNoSlot,
            Duration timeout,
            Map<AppealStatus, Prompt> statusPrompts,
            Prompt duePrompt,
            Map<String, String> dueFormats,
            ZoneId zone,
            Prompt notFoundPrompt,
            String retry,
            int retries,
            Prompt limitPrompt,
            Prompt otherCallerPrompt,
            Effects found,
            String next,
            Choice onFailure,
            Choice onError)
            implements Node {
        public StatusLookup {
            statusPrompts = Map.copyOf(statusPrompts);
            dueFormats = Map.copyOf(dueFormats);
        }
    }

    /**
     * Records a voice message to {@code dir/<filePrefix><linkedid>.<format>} on the Asterisk host. RECORD FILE
     * creates no directories: {@code dir} must exist there.
     */
    record Record(
            String name,
            Prompt prompt,
            String dir,
            String filePrefix,
            String format,
            Duration maxDuration,
            Duration maxSilence,
            boolean beep,
            Effects effects,
            String next)
            implements Node {}

    /** Ends the session: the dialplan queues the caller in {@code queue}. */
    record Queue(String name, String queue, List<Prompt> prompts, Effects effects) implements Node {
        public Queue {
            prompts = List.copyOf(prompts);
        }
    }

    /** Ends the session: the dialplan hangs up. */
    record Hangup(String name, List<Prompt> prompts, Effects effects) implements Node {
        public Hangup {
            prompts = List.copyOf(prompts);
        }
    }
}

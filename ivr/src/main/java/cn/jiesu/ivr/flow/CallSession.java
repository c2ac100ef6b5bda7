package cn.jiesu.ivr.flow;

import cn.jiesu.ivr.dialplan.DialplanVariables;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One call's conversation: the channel plus what the caller chose so far. Created per session and confined to the
 * session's thread; the scripts themselves stay stateless.
 */
final class CallSession {
    /** Every key barges into a prompt: a wrong key is then answered with the invalid prompt, not ignored. */
    static final String ANY_KEY = "0123456789*#";

    private static final Pattern TEMPLATE_REF = Pattern.compile("\\$\\{([^}]*)}");

    private final CallRef call;
    private final IvrChannel channel;
    private final String promptPrefix;
    private final FlowObserver observer;
    private final List<String> path = new ArrayList<>();
    private final Map<String, String> slots = new HashMap<>();
    private final Map<String, Integer> visits = new HashMap<>();
    private int lookupMisses;
    private String language;
    private boolean channelLanguageSet;

    CallSession(CallRef call, IvrChannel channel, String promptPrefix, FlowObserver observer) {
        this.call = call;
        this.channel = channel;
        this.promptPrefix = promptPrefix;
        this.observer = observer;
        this.language = call.language();
    }

    CallRef call() {
        return call;
    }

    IvrChannel channel() {
        return channel;
    }

    String language() {
        return language;
    }

    FlowObserver observer() {
        return observer;
    }

    /** Counts a visit of {@code node}; returns how many visits there have been, this one included. */
    int visit(String node) {
        return visits.merge(node, 1, Integer::sum);
    }

    /** Counts an appeal number that was not found; returns how many this call has keyed, this one included. */
    int lookupMiss() {
        return ++lookupMisses;
    }

    String slot(String name) {
        return slots.get(name);
    }

    void putSlot(String name, String value) {
        slots.put(name, value);
    }

    /** Plays one prompt; a key in {@code escape} stops it and is returned ({@code ""} when none). */
    String play(Prompt prompt, String escape) {
        if (prompt.isSlot()) {
            String digits = slotValue(prompt.slot());
            observer.played(call, "digits:" + prompt.slot());
            return digits.isEmpty() ? "" : channel.sayDigits(digits, escape);
        }
        String file = prompt.path(promptPrefix);
        observer.played(call, file);
        return channel.streamFile(file, escape);
    }

    /** Plays prompts in order until one is interrupted by a key in {@code escape}. */
    String playAll(List<Prompt> prompts, String escape) {
        for (Prompt p : prompts) {
            String key = play(p, escape);
            if (!key.isEmpty()) {
                return key;
            }
        }
        return "";
    }

    /**
     * Plays a menu's prompts and returns the first key, {@code ""} when none came within {@code timeout}. A command
     * that listens runs from the first prompt to the timeout: keys pressed between AGI commands are lost.
     */
    String menuKey(List<Prompt> prompts, Duration timeout) {
        String key = playAll(prompts.subList(0, prompts.size() - 1), ANY_KEY);
        if (!key.isEmpty()) {
            return key;
        }
        Prompt last = prompts.get(prompts.size() - 1);
        if (last.isSlot()) {
            key = play(last, ANY_KEY);
            return key.isEmpty() ? channel.waitForDigit(timeout) : key;
        }
        String file = last.path(promptPrefix);
        observer.played(call, file);
        return channel.getData(file, timeout, 1);
    }

    /** Plays {@code prompt} and collects up to {@code maxDigits} keys, {@code #} ending early. */
    String readDigits(Prompt prompt, Duration timeout, int maxDigits) {
        String file = prompt.path(promptPrefix);
        observer.played(call, file);
        return channel.getData(file, timeout, maxDigits);
    }

    void set(String name, String value) {
        channel.setVariable(name, value);
        observer.variableSet(call, name, value);
    }

    /** Plays prompts in {@code lang} from now on, without telling the tracker the caller chose it. */
    void useLanguage(String lang) {
        if (lang.equals(language) && channelLanguageSet) {
            return; // one round trip saved: the flow's start language is usually the one chosen
        }
        language = lang;
        channelLanguageSet = true;
        set(DialplanVariables.CHANNEL_LANGUAGE, lang);
    }

    /** Sets the variables {@code effects} asks for; the path variable is re-set whole with the new entry. */
    void apply(Effects effects) {
        if (effects.language() != null) {
            useLanguage(effects.language());
            set(DialplanVariables.LANG, language);
        }
        if (effects.requestType() != null) {
            set(DialplanVariables.REQTYPE, effects.requestType().name());
        }
        if (effects.urgency() != null) {
            set(DialplanVariables.URGENCY, effects.urgency().name());
        }
        effects.set().forEach((name, template) -> set(name, expand(template)));
        if (effects.outcome() != null) {
            set(DialplanVariables.OUTCOME, effects.outcome());
        }
        if (effects.path() != null) {
            path.add(effects.path());
            set(DialplanVariables.PATH, String.join(",", path));
        }
    }

    /** Replaces {@code ${name}} with slot, call or query-parameter values; unknown names become empty. */
    String expand(String template) {
        Matcher m = TEMPLATE_REF.matcher(template);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(out, Matcher.quoteReplacement(slotValue(m.group(1))));
        }
        m.appendTail(out);
        return out.toString();
    }

    private String slotValue(String name) {
        String v = switch (name) {
            case "caller-id" -> call.callerId();
            case "linkedid" -> call.linkedid();
            case "uniqueid" -> call.uniqueid();
            case "channel" -> call.channel();
            default -> name.startsWith("param.") ? call.params().get(name.substring(6)) : slots.get(name);
        };
        return v == null ? "" : v;
    }
}

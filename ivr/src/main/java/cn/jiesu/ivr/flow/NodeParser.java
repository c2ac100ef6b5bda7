package cn.jiesu.ivr.flow;

import cn.jiesu.core.appeal.AppealStatus;
import cn.jiesu.core.config.ConfigNode;
import cn.jiesu.core.intake.RequestType;
import cn.jiesu.core.intake.Urgency;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Builds one {@link Node} per entry of {@code ivr.nodes}, by its {@code action}, recording every problem by its
 * dotted key in the collecting {@link ConfigNode}s and every name it refers to in {@link References}.
 */
final class NodeParser {
    static final Set<String> ACTIONS = Set.of(
            "play", "set", "menu", "callback-offer", "read-digits", "status-lookup", "record", "queue", "hangup");
    static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9-]*");

    private static final Set<String> EFFECT_KEYS =
            Set.of("path", "language", "request-type", "urgency", "outcome", "set");
    private static final Set<String> MENU_KEYS =
            Set.of("action", "prompts", "timeout", "retries", "invalid-prompt", "path", "options", "on-failure");
    private static final Pattern VARIABLE = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*(\\([A-Za-z0-9_]+\\))?");
    private static final Pattern TEMPLATE_REF = Pattern.compile("\\$\\{([^}]*)}");
    private static final Pattern LANGUAGE = Pattern.compile("[a-z]{2}(_[A-Z]{2})?");

    private final References refs;
    private final Duration defaultTimeout;
    private final int defaultRetries;
    private final Prompt defaultInvalid;

    NodeParser(References refs, Duration defaultTimeout, int defaultRetries, Prompt defaultInvalid) {
        this.refs = refs;
        this.defaultTimeout = defaultTimeout;
        this.defaultRetries = defaultRetries;
        this.defaultInvalid = defaultInvalid;
    }

    /** The node declared as {@code name}, or null when it is too broken to build (problems are recorded). */
    Node parse(String name, ConfigNode n) {
        String action = n.string("action");
        if (action == null) {
            return null;
        }
        return switch (action) {
            case "play" -> {
                n.allowOnly(Set.of("action", "prompts", "next"));
                yield new Node.Play(name, prompts(n, "prompts", true), next(n, "next"));
            }
            case "set" -> {
                n.allowOnly(union(Set.of("action", "next"), EFFECT_KEYS));
                yield new Node.SetVars(name, effects(n), next(n, "next"));
            }
            case "menu" -> {
                n.allowOnly(MENU_KEYS);
                yield menu(name, n, null);
            }
            case "callback-offer" -> {
                n.allowOnly(union(MENU_KEYS, Set.of("queue", "threshold", "otherwise")));
                Node.WaitGuard guard =
                        new Node.WaitGuard(queueName(n), n.duration("threshold", null), next(n, "otherwise"));
                yield menu(name, n, guard);
            }
            case "read-digits" -> readDigits(name, n);
            case "status-lookup" -> statusLookup(name, n);
            case "record" -> record(name, n);
            case "queue" -> {
                n.allowOnly(union(Set.of("action", "queue", "prompts"), EFFECT_KEYS));
                yield new Node.Queue(name, queueName(n), prompts(n, "prompts", false), effects(n));
            }
            case "hangup" -> {
                n.allowOnly(union(Set.of("action", "prompts"), EFFECT_KEYS));
                yield new Node.Hangup(name, prompts(n, "prompts", false), effects(n));
            }
            default -> {
                n.problem(
                        "action",
                        "unknown action '" + action + "' (known: "
                                + ACTIONS.stream().sorted().collect(Collectors.joining(", ")) + ")");
                yield null;
            }
        };
    }

    private Node.Menu menu(String name, ConfigNode n, Node.WaitGuard guard) {
        Map<String, Choice> options = new LinkedHashMap<>();
        ConfigNode opts = n.child("options", true);
        if (opts != null) {
            for (String digit : opts.keys()) {
                if (!digit.matches("[0-9*#]")) {
                    opts.problem(digit, "options are single keys: 0-9, * or #");
                }
                ConfigNode o = opts.child(digit, true);
                if (o != null) {
                    options.put(digit, choice(o));
                }
            }
            if (opts.keys().isEmpty()) {
                n.problem("options", "at least one option");
            }
        }
        String pathKey = n.string("path", null);
        Choice onFailure = requiredChoice(n, "on-failure");
        return new Node.Menu(
                name,
                prompts(n, "prompts", true),
                n.duration("timeout", defaultTimeout),
                n.integer("retries", 0, 9, defaultRetries),
                invalidPrompt(n),
                pathKey,
                options,
                onFailure,
                guard);
    }

    private Node readDigits(String name, ConfigNode n) {
        n.allowOnly(Set.of(
                "action",
                "prompt",
                "into",
                "min-digits",
                "max-digits",
                "timeout",
                "retries",
                "invalid-prompt",
                "terminator",
                "next",
                "on-failure"));
        String terminator = n.string("terminator", "#");
        if (!"#".equals(terminator)) {
            n.problem("terminator", "only '#' is supported (GET DATA ends input on #), was '" + terminator + "'");
        }
        String into = n.string("into");
        if (into != null && !NAME.matcher(into).matches()) {
            n.problem("into", "slot names are lowercase letters, digits and '-'");
        }
        int max = n.integer("max-digits", 1, 32, 1);
        if (!n.has("max-digits")) {
            n.problem("max-digits", "required");
        }
        int min = n.integer("min-digits", 1, 32, 1);
        if (min > max) {
            n.problem("min-digits", "larger than max-digits (" + max + ")");
        }
        Prompt prompt = prompt(n, "prompt");
        if (prompt.isSlot()) {
            n.problem("prompt", "must be a sound file: GET DATA plays it while it listens");
        }
        return new Node.ReadDigits(
                name,
                prompt,
                into,
                min,
                max,
                n.duration("timeout", defaultTimeout),
                n.integer("retries", 0, 9, defaultRetries),
                invalidPrompt(n),
                next(n, "next"),
                requiredChoice(n, "on-failure"));
    }

    private Node statusLookup(String name, ConfigNode n) {
        n.allowOnly(union(
                Set.of(
                        "action",
                        "appeal-no",
                        "timeout",
                        "status-prompts",
                        "due-prompt",
                        "due-formats",
                        "zone",
                        "not-found-prompt",
                        "retry",
                        "retries",
                        "limit-prompt",
                        "other-caller-prompt",
                        "next",
                        "on-failure",
                        "on-error"),
                EFFECT_KEYS));
        String slot = n.string("appeal-no");
        refs.slot(n.key("appeal-no"), slot);
        Map<AppealStatus, Prompt> statusPrompts = new EnumMap<>(AppealStatus.class);
        ConfigNode sp = n.child("status-prompts", true);
        if (sp != null) {
            for (String k : sp.keys()) {
                AppealStatus status = enumValue(sp, k, AppealStatus.class, k);
                if (status != null) {
                    statusPrompts.put(status, Prompt.parse(sp.string(k)));
                }
            }
            for (AppealStatus s : AppealStatus.values()) {
                if (!statusPrompts.containsKey(s) && !sp.has(s.name())) {
                    sp.problem(s.name(), "required (a prompt for every appeal status)");
                }
            }
        }
        Map<String, String> dueFormats = new LinkedHashMap<>();
        ConfigNode df = n.child("due-formats", false);
        if (df != null) {
            for (String lang : df.keys()) {
                if (!LANGUAGE.matcher(lang).matches()) {
                    df.problem(lang, "not a language code (zh, en)");
                }
                dueFormats.put(lang, df.string(lang));
            }
        }
        ZoneId zone = ZoneId.of("Asia/Shanghai");
        String zoneText = n.string("zone", null);
        if (zoneText != null) {
            try {
                zone = ZoneId.of(zoneText);
            } catch (DateTimeException e) {
                n.problem("zone", "unknown time zone '" + zoneText + "'");
            }
        }
        Choice onFailure = requiredChoice(n, "on-failure");
        Choice onError = n.has("on-error") ? requiredChoice(n, "on-error") : onFailure;
        String retry = n.string("retry", null);
        refs.node(n.key("retry"), retry);
        return new Node.StatusLookup(
                name,
                slot,
                n.duration("timeout", Duration.ofSeconds(2)),
                statusPrompts,
                optionalPrompt(n, "due-prompt"),
                dueFormats,
                zone,
                optionalPrompt(n, "not-found-prompt"),
                retry,
                n.integer("retries", 0, 9, defaultRetries),
                optionalPrompt(n, "limit-prompt"),
                optionalPrompt(n, "other-caller-prompt"),
                effects(n),
                next(n, "next"),
                onFailure,
                onError);
    }

    private Node record(String name, ConfigNode n) {
        n.allowOnly(union(
                Set.of(
                        "action",
                        "prompt",
                        "dir",
                        "file-prefix",
                        "format",
                        "max-duration",
                        "max-silence",
                        "beep",
                        "next"),
                EFFECT_KEYS));
        String dir = n.string("dir");
        if (dir != null && (!dir.startsWith("/") || dir.contains(" "))) {
            n.problem("dir", "an absolute path on the Asterisk host without spaces, was '" + dir + "'");
        }
        String format = n.string("format", "wav");
        if (!format.matches("[a-z0-9]+")) {
            n.problem("format", "a sound format name such as wav or gsm, was '" + format + "'");
        }
        String filePrefix = n.string("file-prefix", "");
        if (!filePrefix.matches("[A-Za-z0-9_.-]*")) {
            n.problem("file-prefix", "letters, digits, '.', '_' and '-' only, was '" + filePrefix + "'");
        }
        return new Node.Record(
                name,
                optionalPrompt(n, "prompt"),
                dir,
                filePrefix,
                format,
                n.duration("max-duration", Duration.ofMinutes(2)),
                n.duration("max-silence", Duration.ofSeconds(5)),
                n.bool("beep", true),
                effects(n),
                next(n, "next"));
    }

    private Choice choice(ConfigNode o) {
        o.allowOnly(union(Set.of("next", "label"), EFFECT_KEYS));
        String next = next(o, "next");
        return new Choice(next == null ? "?" : next, effects(o), o.string("label", null));
    }

    private Choice requiredChoice(ConfigNode n, String key) {
        ConfigNode c = n.child(key, true);
        return c == null ? new Choice("?", Effects.NONE) : choice(c);
    }

    private Effects effects(ConfigNode n) {
        String language = language(n, "language");
        RequestType type = n.has("request-type")
                ? enumValue(n, "request-type", RequestType.class, n.string("request-type"))
                : null;
        Urgency urgency = n.has("urgency") ? enumValue(n, "urgency", Urgency.class, n.string("urgency")) : null;
        Map<String, String> set = new LinkedHashMap<>();
        ConfigNode s = n.child("set", false);
        if (s != null) {
            for (String var : s.keys()) {
                if (!VARIABLE.matcher(var).matches()) {
                    s.problem(var, "not a channel variable name");
                }
                String value = s.string(var);
                if (value != null) {
                    set.put(var, value);
                    var m = TEMPLATE_REF.matcher(value);
                    while (m.find()) {
                        refs.slot(s.key(var), m.group(1));
                    }
                }
            }
        }
        String outcome = n.string("outcome", null);
        if (outcome != null && !NAME.matcher(outcome).matches()) {
            n.problem("outcome", "lowercase letters, digits and '-', was '" + outcome + "'");
        }
        return new Effects(n.string("path", null), language, type, urgency, outcome, set);
    }

    private <E extends Enum<E>> E enumValue(ConfigNode n, String key, Class<E> type, String value) {
        if (value == null) {
            return null;
        }
        try {
            return Enum.valueOf(type, value.toUpperCase(Locale.ROOT).replace('-', '_'));
        } catch (IllegalArgumentException e) {
            n.problem(
                    key,
                    "unknown " + type.getSimpleName() + " '" + value + "' (known: "
                            + Arrays.stream(type.getEnumConstants())
                                    .map(Enum::name)
                                    .collect(Collectors.joining(", ")) + ")");
            return null;
        }
    }

    private String queueName(ConfigNode n) {
        String queue = n.string("queue");
        if (queue != null && !NAME.matcher(queue).matches()) {
            n.problem("queue", "queue names are lowercase letters, digits and '-', was '" + queue + "'");
        }
        return queue;
    }

    private String next(ConfigNode n, String key) {
        String next = n.string(key);
        refs.node(n.key(key), next);
        return next;
    }

    private List<Prompt> prompts(ConfigNode n, String key, boolean required) {
        List<String> names;
        if (n.has(key) && !n.isList(key)) { // a single prompt may be written without brackets
            String one = n.string(key);
            names = one == null ? List.of() : List.of(one);
        } else {
            names = n.strings(key);
        }
        if (required && names.isEmpty()) {
            n.problem(key, "at least one prompt");
        }
        List<Prompt> prompts = new ArrayList<>();
        for (String name : names) {
            Prompt p = promptOf(n, key, name);
            if (p != null) {
                prompts.add(p);
            }
        }
        return prompts;
    }

    private Prompt prompt(ConfigNode n, String key) {
        String name = n.string(key);
        Prompt p = name == null ? null : promptOf(n, key, name);
        return p == null ? Prompt.parse("invalid") : p;
    }

    private Prompt optionalPrompt(ConfigNode n, String key) {
        return n.has(key) ? prompt(n, key) : null;
    }

    private Prompt invalidPrompt(ConfigNode n) {
        return n.has("invalid-prompt") ? prompt(n, "invalid-prompt") : defaultInvalid;
    }

    private Prompt promptOf(ConfigNode n, String key, String name) {
        if (name.isEmpty() || name.contains(" ") || name.equals("$")) {
            n.problem(key, "not a prompt name: '" + name + "'");
            return null;
        }
        Prompt p = Prompt.parse(name);
        if (p.isSlot()) {
            refs.slot(n.key(key), p.slot());
        }
        return p;
    }

    /** A language code value ({@code zh}, {@code en}); null when absent. */
    static String language(ConfigNode n, String key) {
        String language = n.string(key, null);
        if (language != null && !LANGUAGE.matcher(language).matches()) {
            n.problem(key, "not a language code (zh, en), was '" + language + "'");
        }
        return language;
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
        Set<String> out = new HashSet<>(a);
        out.addAll(b);
        return out;
    }
}

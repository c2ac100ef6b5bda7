package cn.jiesu.core.config;

/**
 * A configuration value is missing or wrong. The message is one line, {@code key: problem}, where the key is the
 * full dotted path of the value in its file ({@code console.session-max}, {@code ivr.nodes.main.timeout},
 * {@code rules[3](leak).urgency}), so the operator knows what to fix without reading a stack trace.
 *
 * <p>An {@link IllegalArgumentException}, so that records validating their own arguments can throw it directly and
 * callers that catch bad arguments keep working.
 */
public final class ConfigException extends IllegalArgumentException {
    private final String key;
    private final String problem;

    public ConfigException(String key, String problem) {
        this(key, problem, null);
    }

    public ConfigException(String key, String problem, Throwable cause) {
        super(key + ": " + problem, cause);
        this.key = key;
        this.problem = problem;
    }

    /** The full dotted key of the bad value. */
    public String key() {
        return key;
    }

    /** What is wrong with it, without the key. */
    public String problem() {
        return problem;
    }
}

package cn.jiesu.ivr.flow;

import cn.jiesu.core.config.ConfigException;
import java.util.List;

/**
 * ivr.yaml is invalid. The message has one line per problem, each a {@link ConfigException} message
 * ({@code dotted.key: what is wrong}), so that one run reports every bad key.
 */
public final class IvrConfigException extends RuntimeException {
    private final List<ConfigException> errors;

    public IvrConfigException(String source, List<ConfigException> errors) {
        super(source + ": " + errors.size() + (errors.size() == 1 ? " problem" : " problems") + "\n  "
                + String.join(
                        "\n  ", errors.stream().map(ConfigException::getMessage).toList()));
        this.errors = List.copyOf(errors);
    }

    /** Each problem as {@code dotted.key: what is wrong}. */
    public List<String> problems() {
        return errors.stream().map(ConfigException::getMessage).toList();
    }

    /** Each problem with its key. */
    public List<ConfigException> errors() {
        return errors;
    }
}

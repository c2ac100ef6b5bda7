package cn.jiesu.ivr.flow;

import java.util.List;

/** ivr.yaml is invalid. The message has one line per problem, each starting with the dotted key. */
public final class IvrConfigException extends RuntimeException {
    private final List<String> problems;

    public IvrConfigException(String source, List<String> problems) {
        super(source + ": " + problems.size() + (problems.size() == 1 ? " problem" : " problems") + "\n  "
                + String.join("\n  ", problems));
        this.problems = List.copyOf(problems);
    }

    /** Each problem as {@code dotted.key: what is wrong}. */
    public List<String> problems() {
        return problems;
    }
}

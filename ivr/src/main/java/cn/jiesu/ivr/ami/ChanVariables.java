package cn.jiesu.ivr.ami;

/**
 * Parses the channel variables AMI appends to channel events when manager.conf lists them in {@code channelvars}.
 * Asterisk 12+ writes {@code ChanVariable: NAME=value} (and {@code DestChanVariable: ...} for a second channel);
 * the form {@code ChanVariable(NAME): value} is accepted as well. Only the event's own channel counts, and empty
 * values (variable not set) are dropped.
 */
final class ChanVariables {
    static final String KEY = "ChanVariable";

    record Entry(String name, String value) {}

    private ChanVariables() {}

    /** True for any line key that carries a channel variable, own or prefixed. */
    static boolean isChanVariableKey(String key) {
        return key.endsWith(KEY) || key.startsWith(KEY + "(");
    }

    /** {@link #isChanVariableKey} on the key of {@code line}, whose first colon is at {@code colon}: no copying. */
    static boolean isChanVariableLine(String line, int colon) {
        return colon >= KEY.length() && line.regionMatches(colon - KEY.length(), KEY, 0, KEY.length())
                || line.startsWith(KEY) && line.charAt(KEY.length()) == '(';
    }

    /** The variable of the event's own channel, or null (prefixed, malformed, or empty). */
    static Entry parse(String key, String value) {
        String name;
        String val;
        if (key.equals(KEY)) {
            int eq = value.indexOf('=');
            if (eq <= 0) {
                return null;
            }
            name = value.substring(0, eq);
            val = value.substring(eq + 1);
        } else if (key.startsWith(KEY + "(") && key.endsWith(")")) {
            name = key.substring(KEY.length() + 1, key.length() - 1);
            val = value;
        } else {
            return null;
        }
        return val.isEmpty() || name.isEmpty() ? null : new Entry(name, val);
    }
}

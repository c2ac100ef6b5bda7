package cn.jiesu.ivr.flow;

import java.util.Objects;

/**
 * One thing said to the caller: a sound file by name ({@code main-menu} means {@code jiesu/main-menu}, a name with
 * a slash is used as is) or, written {@code $slot}, the digits the caller keyed into a read-digits slot.
 */
public record Prompt(String file, String slot) {
    public Prompt {
        if ((file == null) == (slot == null)) {
            throw new IllegalArgumentException("prompt: exactly one of file and slot");
        }
    }

    /** Parses the YAML form: {@code name}, {@code dir/name} or {@code $slot}. */
    public static Prompt parse(String text) {
        Objects.requireNonNull(text, "text");
        return text.startsWith("$") ? new Prompt(null, text.substring(1)) : new Prompt(text, null);
    }

    public boolean isSlot() {
        return slot != null;
    }

    /** The file Asterisk plays: {@code prefix + file} unless the name carries its own directory. */
    public String path(String prefix) {
        return file.indexOf('/') >= 0 ? file : prefix + file;
    }

    @Override
    public String toString() {
        return isSlot() ? "$" + slot : file;
    }
}

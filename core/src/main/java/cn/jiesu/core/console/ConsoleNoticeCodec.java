package cn.jiesu.core.console;

/** Turns {@link ConsoleNotice}s into the text gateway instances send each other, and back. Thread-safe. */
public interface ConsoleNoticeCodec {

    String encode(ConsoleNotice notice);

    /** The notice in {@code message}; throws {@link IllegalArgumentException} when it is malformed. */
    ConsoleNotice decode(String message);
}

package cn.jiesu.channels;

import cn.jiesu.core.intake.Intake;

/**
 * Fits citizen text into {@link Intake#MAX_CONTENT_CHARS}. Message channels (Weibo, WeChat) cannot ask the citizen
 * to shorten a message, so their text is truncated and ends with {@link #MARKER}: the agent sees that it was cut,
 * and the full text stays in the raw payload. Form and API channels refuse over-long text instead (400), because
 * their client can fix it.
 */
public final class ContentText {
    /** Appended to truncated content; part of the 4000 characters. */
    public static final String MARKER = "…【内容过长已截断，原文见原始报文】";

    private ContentText() {}

    /** {@code text} unchanged when it fits, else cut (never inside a surrogate pair) and marked. Null stays null. */
    public static String fit(String text) {
        if (text == null || text.length() <= Intake.MAX_CONTENT_CHARS) {
            return text;
        }
        int cut = Intake.MAX_CONTENT_CHARS - MARKER.length();
        if (Character.isHighSurrogate(text.charAt(cut - 1))) {
            cut--;
        }
        return text.substring(0, cut) + MARKER;
    }

    public static boolean truncated(String content) {
        return content != null && content.endsWith(MARKER);
    }

    /** Null for null or blank, else trimmed. */
    public static String blankToNull(String s) {
        if (s == null) {
            return null;
        }
        String t = s.strip();
        return t.isEmpty() ? null : t;
    }
}

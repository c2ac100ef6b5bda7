package cn.jiesu.core.intake;

/** What kind of content the citizen sent. */
public enum ContentType {
    TEXT,
    VOICE,
    IMAGE,
    VIDEO,
    LOCATION,
    LINK,
    EVENT,
    CALL,
    FORM,
    MENTION
}

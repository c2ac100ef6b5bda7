package cn.jiesu.channels.catalog;

/** One allowed value of a list attribute: {@code key} is sent, {@code name} is shown. */
public record AttributeValue(String key, String name) {}

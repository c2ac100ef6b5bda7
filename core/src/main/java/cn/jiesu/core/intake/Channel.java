package cn.jiesu.core.intake;

/** The channel an appeal arrived through. */
public enum Channel {
    PHONE,
    WEB,
    APP,
    WEIBO,
    WECHAT,
    OPEN311,
    SMS,
    EMAIL,
    OTHER
}

package cn.jiesu.ivr.ami;

/** Whether the gateway sees Asterisk: both AMI connections logged in (UP), a login in progress, or neither. */
public enum AmiState {
    UP,
    CONNECTING,
    DOWN
}

package cn.jiesu.gateway.console;

/** Where pop frames go: the sockets of one agent on this instance. Thread-safe. */
interface PopSink {
    /** Writes {@code frame} to every open socket of {@code ext}; returns how many took it (0: none open here). */
    int send(String ext, String frame);

    /** Whether {@code ext} has a socket open on this instance. */
    boolean has(String ext);
}

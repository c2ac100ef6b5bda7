package cn.jiesu.core.console;

import java.util.Objects;

/**
 * A pop as kept for acknowledgement and replay.
 *
 * @param body the pop's JSON without its state (caller context, IVR path, form defaults), rendered once
 */
public record StoredPop(String popId, String ext, String linkedid, PopState state, String body) {
    public StoredPop {
        Objects.requireNonNull(popId, "popId");
        Objects.requireNonNull(ext, "ext");
        Objects.requireNonNull(linkedid, "linkedid");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(body, "body");
    }

    /** One pop per call and agent: repeated offers of a call to the same agent are the same pop. */
    public static String idOf(String linkedid, String ext) {
        return linkedid + "~" + ext;
    }
}

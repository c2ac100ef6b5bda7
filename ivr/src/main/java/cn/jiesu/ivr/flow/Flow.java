package cn.jiesu.ivr.flow;

import java.util.Objects;

/**
 * One entry point of the IVR, served under a FastAGI script name.
 *
 * @param name     the script name in the dialplan's AGI URL ({@code ivr}, {@code callback}, {@code survey})
 * @param start    the first node
 * @param language language to set before the first prompt, or null to keep the channel's
 */
public record Flow(String name, String start, String language) {
    public Flow {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(start, "start");
    }
}

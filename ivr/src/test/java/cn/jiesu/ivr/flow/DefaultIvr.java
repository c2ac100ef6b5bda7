package cn.jiesu.ivr.flow;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** The shipped config/ivr.yaml and a typical inbound call, for flow tests. */
final class DefaultIvr {
    static final String CALLER = "13800138000";

    private DefaultIvr() {}

    /** config/ivr.yaml of this repository (tests run in the ivr module directory). */
    static Path file() {
        Path p = Path.of("..", "config", "ivr.yaml");
        if (!Files.exists(p)) {
            throw new IllegalStateException(
                    "config/ivr.yaml not found from " + Path.of("").toAbsolutePath());
        }
        return p;
    }

    /** The text of config/ivr.yaml, for tests that change a line of it. */
    static String text() {
        try {
            return Files.readString(file());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    static IvrDefinition load() {
        return IvrDefinition.load(file());
    }

    static CallRef call(String script) {
        return new CallRef(
                script, "Local/s@caller-sim-00000000;1", "1795844503.0", "1795844503.0", CALLER, "en", Map.of());
    }
}

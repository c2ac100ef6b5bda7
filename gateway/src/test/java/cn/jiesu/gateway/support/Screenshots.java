package cn.jiesu.gateway.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where the browser tests put their screenshots: target/screenshots/, except the README's pictures, which go to
 * docs/screenshots/ when the run asks for them with {@code -Djiesu.screenshots.update=true} (see CONTRIBUTING).
 */
public final class Screenshots {
    /** The system property that sends the README's screenshots to docs/screenshots/. */
    public static final String UPDATE = "jiesu.screenshots.update";

    private static final Path TARGET = Path.of("target", "screenshots");
    // Failsafe runs in the module's directory (gateway/); docs/ is the repository's.
    private static final Path DOCS = Path.of("..", "docs", "screenshots");

    private Screenshots() {}

    /** A test's screenshot, under target/screenshots/. */
    public static Path of(String name) {
        return in(TARGET, name);
    }

    /** A README screenshot: docs/screenshots/ when updating them, else target/screenshots/readme-{@code name}. */
    public static Path readme(String name) {
        return Boolean.getBoolean(UPDATE) ? in(DOCS, name) : in(TARGET, "readme-" + name);
    }

    private static Path in(Path dir, String name) {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return dir.resolve(name);
    }
}

package cn.jiesu.gateway.config;

import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Rule and catalog files named in the config ({@code classification.file}, {@code services.file}). A relative path
 * is resolved from the working directory. When the key keeps its default ({@code config/<name>}) and there is no
 * such file (the gateway started from another directory, or a test), the copy built into the jar is used.
 */
final class ConfigFiles {
    private ConfigFiles() {
    }

    static Path resolve(ConfigTree t, String key, String resource) {
        Path p = Path.of(t.string(key));
        if (Files.isRegularFile(p) && Files.isReadable(p)) {
            return p;
        }
        URL builtIn = ConfigFiles.class.getClassLoader().getResource(resource);
        if (!p.normalize().toString().equals("config/" + resource) || builtIn == null) {
            throw new ConfigException(key, "cannot read file " + p.toAbsolutePath());
        }
        try {
            if (builtIn.getProtocol().equals("file")) {
                return Path.of(builtIn.toURI());
            }
            Path copy = Files.createTempFile("jiesu-", "-" + resource);
            copy.toFile().deleteOnExit();
            try (InputStream in = builtIn.openStream()) {
                Files.copy(in, copy, StandardCopyOption.REPLACE_EXISTING);
            }
            return copy;
        } catch (IOException | URISyntaxException e) {
            throw new ConfigException(key, "cannot read the built-in " + resource + ": " + e.getMessage());
        }
    }
}

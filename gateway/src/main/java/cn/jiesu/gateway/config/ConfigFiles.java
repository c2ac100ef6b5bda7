package cn.jiesu.gateway.config;

import cn.jiesu.core.config.ConfigException;
import cn.jiesu.core.config.ConfigNode;
import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.stream.Stream;

/**
 * Rule and catalog files named in the config ({@code classification.file}, {@code services.file}). A relative path
 * is resolved from the working directory. When the key keeps its default ({@code config/<name>}) and there is no
 * such file (the gateway started from another directory, or a test), the copy built into the jar is used.
 */
final class ConfigFiles {
    private ConfigFiles() {}

    /**
     * @param companions resources the file names relative to itself (the triage corpus beside the rules), copied
     *                   with it when the built-in copy is read from a jar
     */
    static Path resolve(ConfigNode t, String key, String resource, String... companions) {
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
            Path dir = Files.createTempDirectory("jiesu-config-");
            Path copy = dir.resolve(resource);
            for (String name :
                    Stream.concat(Stream.of(resource), Stream.of(companions)).toList()) {
                Path target = dir.resolve(name);
                Files.createDirectories(target.getParent());
                try (InputStream in = ConfigFiles.class.getClassLoader().getResourceAsStream(name)) {
                    if (in == null) {
                        throw new IOException("resource " + name + " is missing");
                    }
                    Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
                }
                target.toFile().deleteOnExit();
            }
            return copy;
        } catch (IOException | URISyntaxException e) {
            throw new ConfigException(key, "cannot read the built-in " + resource + ": " + e.getMessage());
        }
    }
}

package cn.jiesu.gateway.config;

import cn.jiesu.core.config.ConfigException;
import cn.jiesu.core.config.ConfigNode;
import cn.jiesu.core.place.Gazetteer;
import cn.jiesu.core.place.PlaceResolver;
import java.nio.file.Path;
import java.util.Optional;

/**
 * {@code gazetteer.file}: the city's districts and street-level units (docs/gazetteer.md), read and checked at start
 * (and by {@code --check-config}) so a broken file stops the gateway with its key rather than placing nothing.
 * Empty: appeals are not placed, and 三率 by street, hotspots by place and recurring problems see only "unknown".
 */
public record GazetteerConfig(Path file, Gazetteer gazetteer) {
    public static GazetteerConfig from(ConfigNode t) {
        String name = t.string("gazetteer.file", "");
        if (name.isBlank()) {
            return new GazetteerConfig(null, null);
        }
        Path file = ConfigFiles.resolve(t, "gazetteer.file", "gazetteer/beijing.yaml");
        try {
            return new GazetteerConfig(file, GazetteerFile.load(file));
        } catch (ConfigException e) {
            throw new ConfigException("gazetteer.file", e.getMessage());
        }
    }

    /** The resolver over the file, or empty when none is configured. */
    public Optional<PlaceResolver> resolver() {
        return gazetteer == null ? Optional.empty() : Optional.of(new PlaceResolver(gazetteer));
    }
}

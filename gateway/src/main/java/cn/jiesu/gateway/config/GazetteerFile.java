package cn.jiesu.gateway.config;

import cn.jiesu.core.config.ConfigException;
import cn.jiesu.core.config.ConfigNode;
import cn.jiesu.core.place.District;
import cn.jiesu.core.place.Gazetteer;
import cn.jiesu.core.place.LatLon;
import cn.jiesu.core.place.Place;
import cn.jiesu.core.place.ShortForm;
import cn.jiesu.core.place.Unit;
import cn.jiesu.core.place.UnitKind;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;

/**
 * Reads a city's gazetteer (config/gazetteer/beijing.yaml; docs/gazetteer.md has the format) into a
 * {@link Gazetteer}. Every error is a {@link ConfigException} naming its key, e.g.
 * {@code districts[2](朝阳区).units[5](望京街道).centroid: expected [lat, lon]}.
 */
public final class GazetteerFile {
    private static final Set<String> ROOT_KEYS = Set.of("city", "aliases", "outside", "districts");
    private static final Set<String> DISTRICT_KEYS = Set.of("name", "aliases", "centroid", "units", "places");
    private static final Set<String> UNIT_KEYS = Set.of("name", "kind", "aliases", "centroid", "short-form");

    private GazetteerFile() {}

    public static Gazetteer load(Path file) {
        try {
            return parse(Files.readString(file, StandardCharsets.UTF_8), file.toString());
        } catch (IOException e) {
            throw new ConfigException(file.toString(), "cannot read: " + e.getMessage());
        }
    }

    public static Gazetteer parse(String yaml, String source) {
        ConfigNode root = ConfigNode.root(withUnitMappings(read(yaml, source)), source);
        root.allowOnly(ROOT_KEYS);
        if (!root.isList("districts")) {
            root.problem("districts", "expected a list");
        }
        List<District> districts = new ArrayList<>();
        for (ConfigNode node : root.nodes("districts")) {
            districts.add(district(node));
        }
        return root.build(() ->
                new Gazetteer(root.required("city"), root.strings("aliases"), root.strings("outside"), districts));
    }

    private static District district(ConfigNode node) {
        node.allowOnly(DISTRICT_KEYS);
        String name = node.required("name");
        ConfigNode d = node.named(name);
        List<Unit> units = new ArrayList<>();
        for (ConfigNode u : d.nodes("units")) {
            units.add(unit(u, name));
        }
        List<Place> places = new ArrayList<>();
        ConfigNode p = d.section("places");
        for (String place : p.keys()) {
            places.add(p.build(() -> new Place(place, name, p.optionalString(place))));
        }
        return d.build(() -> new District(name, d.strings("aliases"), centroid(d), units, places));
    }

    private static Unit unit(ConfigNode node, String district) {
        node.allowOnly(UNIT_KEYS);
        String name = node.required("name");
        ConfigNode u = node.named(name);
        UnitKind kind;
        if (u.has("kind")) {
            kind = UnitKind.ofWord(u.string("kind"))
                    .orElseThrow(() -> new ConfigException(u.key("kind"), "one of 街道, 地区, 镇, 乡"));
        } else {
            kind = UnitKind.ofName(name)
                    .orElseThrow(() ->
                            new ConfigException(u.key("kind"), "required: the name does not end in 街道, 地区, 镇 or 乡"));
        }
        ShortForm shortForm = u.has("short-form") ? u.enumValue("short-form", ShortForm.class) : ShortForm.AUTO;
        return u.build(() -> new Unit(name, district, kind, u.strings("aliases"), centroid(u), shortForm));
    }

    /** {@code [lat, lon]} or absent (null). */
    private static LatLon centroid(ConfigNode n) {
        if (!n.has("centroid")) {
            return null;
        }
        List<String> v = n.strings("centroid");
        try {
            if (v.size() == 2) {
                return new LatLon(Double.parseDouble(v.get(0)), Double.parseDouble(v.get(1)));
            }
        } catch (IllegalArgumentException e) {
            // reported below, with the key
        }
        throw new ConfigException(n.key("centroid"), "expected [lat, lon] in degrees, was " + v);
    }

    private static Object read(String yaml, String source) {
        // As the other config files: no arbitrary types, a key given twice is a mistake, aliases bounded.
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(false);
        options.setMaxAliasesForCollections(20);
        try {
            return new Yaml(new SafeConstructor(options)).load(yaml);
        } catch (YAMLException e) {
            throw new ConfigException(source, "not valid YAML: " + e.getMessage(), e);
        }
    }

    /** A unit written as its bare name (the usual case) becomes {@code {name: …}}, so every unit is one node. */
    @SuppressWarnings("unchecked")
    private static Object withUnitMappings(Object doc) {
        if (doc instanceof Map<?, ?> root && root.get("districts") instanceof List<?> districts) {
            for (Object d : districts) {
                if (d instanceof Map<?, ?> district && district.get("units") instanceof List<?> units) {
                    List<Object> out = new ArrayList<>();
                    for (Object u : units) {
                        out.add(u instanceof String s ? new LinkedHashMap<>(Map.of("name", s)) : u);
                    }
                    ((Map<Object, Object>) district).put("units", out);
                }
            }
        }
        return doc;
    }
}

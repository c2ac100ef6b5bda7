package cn.jiesu.gateway.phone;

import cn.jiesu.core.config.ConfigException;
import cn.jiesu.core.config.ConfigNode;
import cn.jiesu.ivr.agi.AgiConfig;
import cn.jiesu.ivr.ami.AmiConfig;
import cn.jiesu.ivr.flow.IvrConfigException;
import cn.jiesu.ivr.flow.IvrDefinition;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The phone line's settings: AMI (null when {@code ami.host} is empty: no Asterisk configured), FastAGI (null
 * when {@code agi.enabled} is false), the IVR flows and the bounds of their status lookup.
 */
public record PhoneConfig(AmiConfig ami, AgiConfig agi, IvrDefinition ivr, StatusLookupLimits lookups) {

    public boolean enabled() {
        return ami != null || agi != null;
    }

    public static PhoneConfig from(ConfigNode t) {
        AmiConfig ami = null;
        if (t.optionalString("ami.host") != null) {
            ami = AmiConfig.from(t::optionalString);
        }
        AgiConfig agi = null;
        IvrDefinition ivr = null;
        if (t.bool("agi.enabled")) {
            agi = new AgiConfig(
                    t.string("agi.bind-address"),
                    t.integer("agi.port", 0, 65535),
                    AgiConfig.threadsOf(t.string("agi.threads")),
                    t.integer("agi.max-sessions", 1, 1_000_000),
                    t.duration("agi.socket-read-timeout"),
                    t.duration("agi.shutdown-grace"));
            ivr = loadIvr(t.string("ivr.file"));
        }
        return new PhoneConfig(ami, agi, ivr, StatusLookupLimits.from(t));
    }

    /**
     * The operator's file when it exists, else the copy shipped in the jar. Its problems become one
     * {@link ConfigException} so that start-up and {@code --check-config} print one line, not a stack trace.
     */
    private static IvrDefinition loadIvr(String file) {
        try {
            return readIvr(file);
        } catch (IvrConfigException e) {
            throw new ConfigException("ivr.file", file + ": " + String.join("; ", e.problems()));
        }
    }

    private static IvrDefinition readIvr(String file) {
        Path path = Path.of(file);
        if (Files.isReadable(path)) {
            return IvrDefinition.load(path);
        }
        try (InputStream in = PhoneConfig.class.getClassLoader().getResourceAsStream("ivr.yaml")) {
            if (in == null) {
                throw new ConfigException("ivr.file", "no such file: " + file);
            }
            return IvrDefinition.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), "ivr.yaml (built in)");
        } catch (IOException e) {
            throw new ConfigException("ivr.file", "cannot read: " + e.getMessage());
        }
    }
}

package cn.jiesu.ivr.call;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The agent extension (80XX) behind a queue member interface or an agent channel name:
 * {@code Local/8001@agent-sim/n}, {@code Local/8001@agent-sim-0000000a;1}, {@code PJSIP/8001},
 * {@code PJSIP/8001-00000003}.
 */
public final class AgentExtension {
    private static final Pattern AGENT = Pattern.compile("^(?:Local|PJSIP|SIP|IAX2)/(\\d{3,6})(?:[@\\-;/].*)?$");

    private AgentExtension() {}

    /**
     * The agent on a dialled or bridged channel, or null. A channel in the hotline's inbound context is the
     * hotline's, never an agent's, though its name may look like one: {@code Local/12345@public-…;1}, the Local
     * channel a legacy number or a transfer dials into the IVR.
     */
    static String onChannel(ChannelInfo ch, TrackerSettings settings) {
        return settings.inboundContext().equals(ch.context()) ? null : of(ch.name());
    }

    /** The extension, or null when {@code interfaceOrChannel} is not an agent's. */
    public static String of(String interfaceOrChannel) {
        if (interfaceOrChannel == null) {
            return null;
        }
        Matcher m = AGENT.matcher(interfaceOrChannel);
        return m.matches() ? m.group(1) : null;
    }
}

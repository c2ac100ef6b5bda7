package cn.jiesu.core.merge;

import cn.jiesu.core.intake.Citizen;
import cn.jiesu.core.intake.Intake;
import cn.jiesu.core.intake.PhoneNumbers;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * The identities under which one citizen's appeals are found across channels: normalized phone numbers
 * ({@code phone:13800138000}) and channel accounts ({@code WECHAT:oR5Gk6Z...}).
 */
public final class CitizenKeys {
    private CitizenKeys() {}

    public static Set<String> of(Intake intake) {
        Set<String> keys = new LinkedHashSet<>();
        Citizen c = intake.citizen();
        addPhone(keys, c.phone());
        addPhone(keys, c.callerNumber());
        if (c.channelUserId() != null && !c.channelUserId().isBlank()) {
            keys.add(account(intake.channel().name(), c.channelUserId()));
        }
        return keys;
    }

    /** The key of a channel account, for links the gateway knows (a WeChat openid bound to an app user). */
    public static String account(String channel, String channelUserId) {
        return channel + ":" + channelUserId;
    }

    private static void addPhone(Set<String> keys, String raw) {
        String p = PhoneNumbers.normalize(raw);
        if (p != null && p.length() >= 7) {
            keys.add("phone:" + p);
        }
    }
}

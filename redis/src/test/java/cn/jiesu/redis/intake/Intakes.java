package cn.jiesu.redis.intake;

import cn.jiesu.core.intake.Channel;
import cn.jiesu.core.intake.Citizen;
import cn.jiesu.core.intake.Intake;
import cn.jiesu.core.intake.IntakeBuilder;
import cn.jiesu.core.intake.IntakeIds;
import java.time.Clock;
import java.time.Instant;
import java.util.Random;

/** Intakes for tests: valid, distinct, with a plausible citizen. */
final class Intakes {
    private static final IntakeIds IDS = new IntakeIds(Clock.systemUTC(), new Random());

    private Intakes() {}

    static IntakeBuilder web(String messageId) {
        return Intake.builder()
                .intakeId(IDS.next())
                .channel(Channel.WEB)
                .channelAccount("portal")
                .channelMessageId(messageId)
                .receivedAt(Instant.parse("2026-11-28T02:15:00Z"))
                .title("小区噪音扰民")
                .content("楼下商户夜间施工，噪音很大，请协调处理。")
                .citizen(new Citizen(null, "王先生", "13800138000", null, null, false));
    }

    static IntakeBuilder phone(String uniqueId, String callerNumber, Instant receivedAt) {
        return Intake.builder()
                .intakeId(IDS.next())
                .channel(Channel.PHONE)
                .channelAccount("12345")
                .channelMessageId(uniqueId)
                .receivedAt(receivedAt)
                .citizen(new Citizen(null, null, null, callerNumber, null, false));
    }
}

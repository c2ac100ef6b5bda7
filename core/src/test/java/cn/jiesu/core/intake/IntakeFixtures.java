package cn.jiesu.core.intake;

import java.time.Instant;
import java.util.List;

/** Realistic intakes for tests. */
final class IntakeFixtures {
    private IntakeFixtures() {}

    static Intake minimal() {
        return Intake.builder()
                .intakeId("01JDZ0000000000000000000AA")
                .channel(Channel.WEB)
                .channelAccount("web")
                .channelMessageId("m-1")
                .receivedAt(Instant.parse("2026-11-28T02:00:00Z"))
                .build();
    }

    static Intake full() {
        return Intake.builder()
                .intakeId("01JDZ8Q6V3J7K9M2N4P6R8T0WX")
                .appealNo("261128000042")
                .channel(Channel.PHONE)
                .channelAccount("12345")
                .channelMessageId("1717034405.4821")
                .receivedAt(Instant.parse("2026-11-28T02:00:05.412Z"))
                .occurredAt(Instant.parse("2026-11-28T02:00:00Z"))
                .contentType(ContentType.CALL)
                .title("楼道照明灯损坏")
                .content("来电反映楼道照明灯损坏一周 🙏，請盡快處理。Line 2\nwith newline and | pipe = equals")
                .attachments(List.of(
                        new Attachment(
                                "RECORDING",
                                "rec/2026/11/28/1717034405.4821.wav",
                                "audio/wav",
                                "ab".repeat(32),
                                123456),
                        new Attachment("IMAGE", "wx-media:abc", null, null, -1)))
                .citizen(new Citizen("oR5Gk6Z", "李明", "+8613800138000", "13800138000", "li@example.cn", true))
                .location(new Location(
                        "朝阳区望京街道阜通东大街6号院",
                        39.982525,
                        116.308586,
                        Crs.GCJ02,
                        "朝阳区",
                        "望京街道",
                        "花家地社区",
                        "BJ-ADDR-110105-0042"))
                .requestType(RequestType.HELP)
                .urgency(Urgency.IMMEDIATE)
                .dueAt(Instant.parse("2026-11-29T02:00:05.412Z"))
                .callbackRequested(true)
                .callbackNumber("13900139000")
                .replyRoute(new ReplyRoute(Channel.PHONE, "+8613800138000", ReplyMode.CALLBACK))
                .signatureVerified(true)
                .signatureScheme("AMI")
                .rawRef("raw/2026/11/28/x.bin")
                .rawSha256("cd".repeat(32))
                .call(new CallInfo(
                        "1717034405.4821",
                        "1717034405.4821",
                        "12345",
                        "general",
                        "8001",
                        "zh",
                        List.of("lang:1", "menu:2"),
                        "rec/x.wav",
                        16,
                        312,
                        CallDisposition.ANSWERED))
                .relatedIntakeIds(List.of("01JDZ0000000000000000000AB", "01JDZ0000000000000000000AC"))
                .build();
    }
}

package cn.jiesu.core.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class IntakeCodecTest {

    @Test
    @DisplayName("a full intake with Chinese text, emoji and newlines survives the round trip")
    void fullRoundTrip() {
        Intake in = IntakeFixtures.full();
        Map<String, String> fields = IntakeCodec.toFields(in);
        assertThat(IntakeCodec.fromFields(fields)).isEqualTo(in);
        assertThat(fields)
                .containsEntry("dedupeKey", "PHONE|12345|1717034405.4821")
                .containsEntry("citizen.name", "李明")
                .containsEntry("call.ivrPath.1", "menu:2");
    }

    @Test
    @DisplayName("empty optionals are left out, not written as empty strings, and come back as defaults")
    void minimalRoundTrip() {
        Intake in = IntakeFixtures.minimal();
        Map<String, String> fields = IntakeCodec.toFields(in);
        assertThat(fields).doesNotContainKeys("title", "content", "location", "call", "dueAt", "occurredAt");
        assertThat(fields.values()).noneMatch(String::isEmpty);
        Intake back = IntakeCodec.fromFields(fields);
        assertThat(back).isEqualTo(in);
        assertThat(back.attachments()).isEmpty();
        assertThat(back.requestType()).isEqualTo(RequestType.OTHER);
        assertThat(back.urgency()).isEqualTo(Urgency.NORMAL);
    }

    @ParameterizedTest
    @EnumSource(Channel.class)
    void everyChannelRoundTrips(Channel channel) {
        Intake in = IntakeFixtures.minimal().toBuilder().channel(channel).build();
        assertThat(IntakeCodec.fromFields(IntakeCodec.toFields(in))).isEqualTo(in);
    }

    @ParameterizedTest
    @EnumSource(RequestType.class)
    void everyRequestTypeRoundTrips(RequestType type) {
        Intake in = IntakeFixtures.full().toBuilder().requestType(type).build();
        assertThat(IntakeCodec.fromFields(IntakeCodec.toFields(in)).requestType())
                .isEqualTo(type);
    }

    @ParameterizedTest
    @EnumSource(Urgency.class)
    void everyUrgencyRoundTrips(Urgency urgency) {
        Intake in = IntakeFixtures.full().toBuilder().urgency(urgency).build();
        assertThat(IntakeCodec.fromFields(IntakeCodec.toFields(in)).urgency()).isEqualTo(urgency);
    }

    @ParameterizedTest
    @EnumSource(ContentType.class)
    void everyContentTypeRoundTrips(ContentType type) {
        Intake in = IntakeFixtures.minimal().toBuilder().contentType(type).build();
        assertThat(IntakeCodec.fromFields(IntakeCodec.toFields(in)).contentType())
                .isEqualTo(type);
    }

    @ParameterizedTest
    @EnumSource(CallDisposition.class)
    void everyDispositionRoundTrips(CallDisposition d) {
        Intake full = IntakeFixtures.full();
        CallInfo c = full.call();
        Intake in = full.toBuilder()
                .call(new CallInfo(
                        c.linkedid(), c.uniqueid(), c.dnis(), null, null, null, List.of(), null, null, null, d))
                .build();
        assertThat(IntakeCodec.fromFields(IntakeCodec.toFields(in))).isEqualTo(in);
    }

    @ParameterizedTest
    @EnumSource(Crs.class)
    void everyCrsAndReplyModeRoundTrips(Crs crs) {
        for (ReplyMode mode : ReplyMode.values()) {
            Intake in = IntakeFixtures.minimal().toBuilder()
                    .location(new Location(null, 1.5, 2.5, crs, null, null, null))
                    .replyRoute(new ReplyRoute(Channel.WECHAT, "openid", mode))
                    .build();
            assertThat(IntakeCodec.fromFields(IntakeCodec.toFields(in))).isEqualTo(in);
        }
    }

    @Test
    @DisplayName("a corrupt record is rejected with a message that names the intake")
    void corruptRecord() {
        Map<String, String> fields = new HashMap<>(IntakeCodec.toFields(IntakeFixtures.full()));
        fields.put("urgency", "VERY");
        assertThatThrownBy(() -> IntakeCodec.fromFields(fields))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("01JDZ8Q6V3J7K9M2N4P6R8T0WX");
    }

    @Test
    @DisplayName("content over 4000 characters and a missing id are refused at construction")
    void validation() {
        assertThatThrownBy(() -> IntakeFixtures.minimal().toBuilder()
                        .content("长".repeat(4001))
                        .build())
                .hasMessageContaining("content");
        assertThatThrownBy(
                        () -> IntakeFixtures.minimal().toBuilder().intakeId(" ").build())
                .hasMessageContaining("intakeId");
        assertThatThrownBy(() -> new Location(null, 1.0, 2.0, null, null, null, null))
                .hasMessageContaining("crs");
        assertThat(IntakeFixtures.minimal().toBuilder()
                        .receivedAt(Instant.EPOCH)
                        .content("长".repeat(4000))
                        .build()
                        .content())
                .hasSize(4000);
    }
}

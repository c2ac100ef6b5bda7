package cn.jiesu.redis.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class EnrichFieldsTest {
    @Test
    @DisplayName("Content, title, request type and a located address may be filled in later")
    void allowed() {
        Map<String, String> f = Map.of(
                "content",
                "反映小区供暖不热",
                "title",
                "供暖",
                "requestType",
                "COMPLAINT",
                "location",
                "1",
                "location.addressText",
                "朝阳区某小区3号楼");
        assertThat(EnrichFields.validate(f)).containsExactlyInAnyOrderEntriesOf(f);
    }

    @Test
    @DisplayName("Identity, dedupe and status fields cannot be overwritten")
    void protectedFields() {
        for (String name : new String[] {"intakeId", "appealNo", "dedupeKey", "channel", "receivedAt", "status"}) {
            assertThatThrownBy(() -> EnrichFields.validate(Map.of(name, "x")))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("fields." + name + ": cannot be changed after intake");
        }
    }

    @Test
    @DisplayName("Names the codec does not know, and values it cannot read, are refused")
    void unknownOrMalformed() {
        assertThatThrownBy(() -> EnrichFields.validate(Map.of("colour", "red")))
                .hasMessageStartingWith("fields.colour: not an intake field");
        assertThatThrownBy(() -> EnrichFields.validate(Map.of("location.addressText", "no marker")))
                .hasMessageStartingWith("fields.location.addressText: not an intake field");
        assertThatThrownBy(() -> EnrichFields.validate(Map.of("urgency", "VERY")))
                .hasMessageStartingWith("fields:");
        assertThatThrownBy(() -> EnrichFields.validate(Map.of("callbackRequested", "yes")))
                .hasMessageStartingWith("fields.callbackRequested: not in canonical form");
        assertThatThrownBy(() -> EnrichFields.validate(Map.of("content", "x".repeat(4001))))
                .hasMessageStartingWith("fields:");
        assertThatThrownBy(() -> EnrichFields.validate(Map.of())).hasMessageStartingWith("fields:");
    }
}

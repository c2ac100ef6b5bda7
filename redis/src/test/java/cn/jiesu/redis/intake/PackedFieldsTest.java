package cn.jiesu.redis.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class PackedFieldsTest {
    @Test
    @DisplayName("fields round-trip in order, Chinese, emoji, quotes, backslashes and control characters included")
    void roundTrip() {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("intakeId", "01JDQ8Z5V3K4M2N6P7R8S9T0VW");
        fields.put("content", "楼道照明灯已损坏一周 😀 \"引号\" \\ 斜杠\n换行\u0001");
        fields.put("empty", "");
        fields.put("location.addressText", "北京市朝阳区望京街道阜通东大街6号院3号楼");
        String packed = PackedFields.pack(fields);
        assertThat(packed)
                .startsWith("{\"intakeId\":\"01JDQ8Z5V3K4M2N6P7R8S9T0VW\"")
                .contains("楼道照明灯");
        assertThat(PackedFields.unpack(packed)).containsExactlyEntriesOf(fields);
    }

    @Test
    @DisplayName("anything but a flat JSON object of strings is refused with IllegalArgumentException")
    void malformed() {
        for (String bad : new String[] {
            "", "[]", "{\"a\":1}", "{\"a\":{\"b\":\"c\"}}", "{\"a\":\"b\"", "{\"a\":\"b\"} x", "not json"
        }) {
            assertThatThrownBy(() -> PackedFields.unpack(bad)).as(bad).isInstanceOf(IllegalArgumentException.class);
        }
    }
}

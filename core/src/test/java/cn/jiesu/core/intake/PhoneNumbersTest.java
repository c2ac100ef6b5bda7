package cn.jiesu.core.intake;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PhoneNumbersTest {
    @ParameterizedTest
    @CsvSource({
        "+8613800138000, 13800138000",
        "+86 138-0013-8000, 13800138000",
        "008613800138000, 13800138000",
        "8613800138000, 13800138000",
        "13800138000, 13800138000",
        "010-12345678, 01012345678",
        "+86 10 6234 5678, 01062345678",
        "0086 21 5555 1234, 02155551234",
        "013800138000, 13800138000",
        "１３８００１３８０００, 13800138000",
        "＋86 13800138000, 13800138000",
        "12345, 12345",
        "'abc', ",
    })
    void normalizes(String raw, String expected) {
        assertThat(PhoneNumbers.normalize(raw)).isEqualTo(expected);
    }
}

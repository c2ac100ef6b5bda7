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

    @ParameterizedTest(name = "{0} dialable: {1}")
    @CsvSource({
        "13800138000, true",
        "+86 138-0013-8000, true",
        "010-62345678, true",
        "0571-8888 6666, true",
        "62345678, true",
        "4008123123, true",
        "+1 212 555 0100, true",
        "0044 20 7946 0958, true",
        // Found by a fresh citizen: accepted, and no callback could ever reach them.
        "1380013, false",
        "139111122, false",
        "12345, false",
        "1380013800099, false",
        "110, false",
        "00000000, false",
    })
    void dialable(String raw, boolean expected) {
        assertThat(PhoneNumbers.dialable(raw)).isEqualTo(expected);
    }
}

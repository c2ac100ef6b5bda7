package cn.jiesu.ivr.call;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@DisplayName("Agent extension from a member interface or channel name")
class AgentExtensionTest {

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource(
            nullValues = "none",
            value = {
                "Local/8001@agent-sim/n, 8001", "Local/8003@agent-sim-0000000a;1, 8003", "PJSIP/8002, 8002",
                "PJSIP/8010-00000003, 8010", "Local/s@caller-sim-00000000;1, none", "PJSIP/sipp-00000000, none",
                "PJSIP/13800138000-00000001, none", "Local/answer@callee-sim-00000003;1, none"
            })
    @DisplayName("Agent channels and interfaces give their extension; callers and trunks give none")
    void extension(String name, String expected) {
        assertThat(AgentExtension.of(name)).isEqualTo(expected);
    }
}

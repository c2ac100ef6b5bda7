package cn.jiesu.gateway.phone;

import static org.assertj.core.api.Assertions.assertThat;

import cn.jiesu.gateway.phone.LabCitizens.Route;
import cn.jiesu.gateway.support.UsesAsteriskLab;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Calls that enter 12345 through a Local channel, so that the IVR runs on the ;2 half while the caller is the ;1
 * half (the call's first channel): what merged hotlines, transfers and any routing through Local channels do.
 */
@UsesAsteriskLab
class LocalChannelCallsIT {
    private static final int CALLS = 100;

    @RegisterExtension
    static final LabCalls phoneLine = new LabCalls();

    @Test
    @DisplayName("100 concurrent calls through Local/12345@public, choices varied: 100 appeals, each with its own")
    void concurrentLocalCalls() throws Exception {
        Map<String, IvrChoices> calls = new LinkedHashMap<>();
        for (int i = 0; i < CALLS; i++) {
            calls.put(LabCitizens.uniqueNumber(), IvrChoices.spread(i));
        }
        for (Map.Entry<String, IvrChoices> c : calls.entrySet()) {
            phoneLine
                    .citizens()
                    .call(
                            Route.LOCAL_INTO_DIALPLAN,
                            c.getKey(),
                            "12345",
                            4,
                            1,
                            c.getValue().keys());
        }

        Appeals.awaitOnePerCaller(phoneLine.lab(), calls.keySet(), Duration.ofSeconds(90))
                .forEach((caller, appeal) -> calls.get(caller).assertAppeal(appeal, caller, "12345"));
        assertThat(phoneLine.lab().appended()).isEqualTo(CALLS);
    }
}

package cn.jiesu.gateway.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.jiesu.core.intake.RequestType;
import cn.jiesu.core.intake.Urgency;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class AppealFormTest {

    @Test
    @DisplayName("a form becomes intake codec fields; an address brings its location marker")
    void fields() {
        AppealForm form = new AppealForm("  燃气味很重  ", "西城区 某胡同 5 号", RequestType.HELP, Urgency.EMERGENCY);

        assertThat(form.fields())
                .containsExactly(
                        java.util.Map.entry("content", "燃气味很重"),
                        java.util.Map.entry("location", "1"),
                        java.util.Map.entry("location.addressText", "西城区 某胡同 5 号"),
                        java.util.Map.entry("requestType", "HELP"),
                        java.util.Map.entry("urgency", "EMERGENCY"));
    }

    @Test
    @DisplayName("without an address no location is written")
    void noAddress() {
        assertThat(new AppealForm("咨询社保", "", RequestType.CONSULT, Urgency.NORMAL).fields())
                .doesNotContainKeys("location", "location.addressText");
    }

    @Test
    @DisplayName("content is required and bounded; type and urgency are required")
    void validation() {
        assertThatThrownBy(() -> new AppealForm(" ", null, RequestType.HELP, Urgency.NORMAL))
                .hasMessageStartingWith("content:");
        assertThatThrownBy(() -> new AppealForm("x".repeat(4001), null, RequestType.HELP, Urgency.NORMAL))
                .hasMessageStartingWith("content:");
        assertThatThrownBy(() -> new AppealForm("x", null, null, Urgency.NORMAL))
                .hasMessageStartingWith("requestType:");
        assertThatThrownBy(() -> new AppealForm("x", null, RequestType.HELP, null))
                .hasMessageStartingWith("urgency:");
    }
}

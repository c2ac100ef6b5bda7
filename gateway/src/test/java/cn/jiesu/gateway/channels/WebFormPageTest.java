package cn.jiesu.gateway.channels;

import static org.assertj.core.api.Assertions.assertThat;

import cn.jiesu.channels.catalog.ServiceCatalog;
import cn.jiesu.channels.catalog.ServiceDefinition;
import cn.jiesu.core.intake.RequestType;
import cn.jiesu.core.intake.Urgency;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class WebFormPageTest {
    private final WebFormPage page = new WebFormPage(new ServiceCatalog(List.of(
            new ServiceDefinition("0201", "停水", null, null, null, "水电气热", RequestType.HELP, null, List.of()),
            new ServiceDefinition("0301", "楼道照明 <&>", null, null, null, "市容\"环境", null, null, List.of()))));

    @Test
    @DisplayName("every submitted value and catalog name is escaped; no placeholder is left")
    void escapes() {
        String html = page.form(
                "tok\"en",
                Map.of(
                        "description",
                        "</textarea><script>x()</script>",
                        "address",
                        "\" onfocus=\"x()",
                        "category",
                        "0301",
                        "callback",
                        "on"),
                Map.of("phone", "电话<错>"),
                null);
        assertThat(html)
                .doesNotContain("{{")
                .doesNotContain("<script>")
                .doesNotContain("\" onfocus=\"")
                .contains("&lt;/textarea&gt;&lt;script&gt;x()&lt;/script&gt;")
                .contains("value=\"&quot; onfocus=&quot;x()\"")
                .contains("value=\"tok&quot;en\"")
                .contains("<option value=\"0301\" selected>楼道照明 &lt;&amp;&gt;</option>")
                .contains("<optgroup label=\"市容&quot;环境\">")
                .contains("电话&lt;错&gt;")
                .contains("aria-invalid=\"true\"")
                .contains(" checked>");
        assertThat(page.submitted(
                        "<b>1</b>",
                        Urgency.NORMAL,
                        Instant.parse("2024-05-30T02:00:00Z"),
                        Instant.parse("2024-06-06T02:00:00Z")))
                .contains("&lt;b&gt;1&lt;/b&gt;")
                .contains("一般，7 天内（2024年6月6日 10:00 前）")
                .doesNotContain("data-testid=\"emergency\"")
                .doesNotContain("{{");
        assertThat(page.message("<t>", "<m>"))
                .doesNotContain("<t>")
                .doesNotContain("<m>")
                .doesNotContain("{{");
    }

    @Test
    @DisplayName("an emergency's confirmation says what to do now and its 2-hour deadline")
    void emergency() {
        assertThat(page.submitted(
                        "241206000001",
                        Urgency.EMERGENCY,
                        Instant.parse("2024-05-30T02:00:00Z"),
                        Instant.parse("2024-05-30T04:00:00Z")))
                .contains("如有人身危险，请立即拨打 110 / 119 / 120 或 12345")
                .contains("紧急，2 小时内（2024年5月30日 12:00 前）");
    }

    @Test
    @DisplayName("every error is in the summary as a link to its field, and each field points at its error")
    void allErrors() {
        String html = page.form(
                "t", Map.of(), Map.of("description", "请填写诉求内容。", "address", "请填写事发地址。", "category", "请选择问题类别。"), null);
        assertThat(html)
                .contains("<a href=\"#category\">")
                .contains("<a href=\"#description\">")
                .contains("<a href=\"#address\">")
                .contains("aria-describedby=\"err-description\"")
                .contains("id=\"err-address\"")
                .contains("tabindex=\"-1\" autofocus");
        assertThat(html.indexOf("#category")).isLessThan(html.indexOf("#description"));
    }

    @Test
    @DisplayName("a group whose services are not adjacent in the catalog is listed once")
    void groupsOnce() {
        WebFormPage split = new WebFormPage(new ServiceCatalog(List.of(
                new ServiceDefinition("0301", "路灯", null, null, null, "市容环境", null, null, List.of()),
                new ServiceDefinition("0303", "井盖", null, null, null, "市政设施", null, null, List.of()),
                new ServiceDefinition("0401", "垃圾清运", null, null, null, "市容环境", null, null, List.of()))));
        String html = split.form("t", Map.of(), Map.of(), null);
        assertThat(html.split("label=\"市容环境\"", -1)).hasSize(2);
        assertThat(html.indexOf("0401")).isLessThan(html.indexOf("0303"));
    }

    @Test
    @DisplayName("a fresh form has no errors, the request types in Chinese and every category")
    void fresh() {
        String html = page.form("t", Map.of(), Map.of(), null);
        assertThat(html)
                .doesNotContain("class=\"error\"")
                .doesNotContain("summary")
                .contains("value=\"COMPLAINT\"><label for=\"request_type_COMPLAINT\">投诉</label>")
                .contains("name=\"request_type\" value=\"\" checked>")
                .contains("<option value=\"0201\">停水</option>");
    }
}

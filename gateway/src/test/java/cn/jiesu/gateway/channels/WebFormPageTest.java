package cn.jiesu.gateway.channels;

import static org.assertj.core.api.Assertions.assertThat;

import cn.jiesu.channels.catalog.ServiceCatalog;
import cn.jiesu.channels.catalog.ServiceDefinition;
import cn.jiesu.core.intake.RequestType;
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
        assertThat(page.submitted("<b>1</b>")).contains("&lt;b&gt;1&lt;/b&gt;").doesNotContain("{{");
        assertThat(page.message("<t>", "<m>"))
                .doesNotContain("<t>")
                .doesNotContain("<m>")
                .doesNotContain("{{");
    }

    @Test
    @DisplayName("a fresh form has no errors, the request types in Chinese and every category")
    void fresh() {
        String html = page.form("t", Map.of(), Map.of(), null);
        assertThat(html)
                .doesNotContain("class=\"error\"")
                .doesNotContain("summary")
                .contains("<option value=\"COMPLAINT\">投诉</option>")
                .contains("<option value=\"0201\">停水</option>");
    }
}

package cn.jiesu.channels.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.jiesu.channels.Fixtures;
import cn.jiesu.core.config.ConfigException;
import cn.jiesu.core.intake.RequestType;
import cn.jiesu.core.intake.Urgency;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class ServiceCatalogYamlTest {

    @Test
    @DisplayName("config/services.yaml loads: codes are strings, mapped tiers and attributes are read")
    void productionCatalog() {
        ServiceCatalog c = Fixtures.catalog();
        assertThat(c.byCode("0101")).hasValueSatisfying(s -> {
            assertThat(s.name()).isEqualTo("燃气泄漏");
            assertThat(s.urgency()).isEqualTo(Urgency.EMERGENCY);
        });
        assertThat(c.byCode("0301")).hasValueSatisfying(s -> {
            assertThat(s.metadata()).isTrue();
            assertThat(s.attributes()).extracting(ServiceAttribute::code).containsExactly("REQTYPE", "ANON", "FLOOR");
        });
        assertThat(c.byCode("0402").orElseThrow().requestType()).isEqualTo(RequestType.COMPLAINT);
        assertThat(c.byName("路灯")).map(ServiceDefinition::code).hasValue("0302");
    }

    @Test
    @DisplayName("a broken catalog is refused naming the service and field")
    void errors() {
        assertThatThrownBy(() -> ServiceCatalogYaml.parse("services: [{code: '1'}]", "f"))
                .hasMessageContaining("services[0](1).name: required");
        assertThatThrownBy(() -> ServiceCatalogYaml.parse("services: [{code: '1', name: a, urgency: SOON}]", "f"))
                .hasMessageContaining("urgency");
        assertThatThrownBy(() -> ServiceCatalogYaml.parse(
                        "services: [{code: '1', name: a, attributes: " + "[{code: X, datatype: colour}]}]", "f"))
                .hasMessageContaining("attributes[0]");
        assertThatThrownBy(
                        () -> ServiceCatalogYaml.parse("services: [{code: '1', name: a}, {code: '1', name: b}]", "f"))
                .hasMessageContaining("duplicate");
    }

    @Test
    @DisplayName("a bad value is one ConfigException 'key: problem' with the full path of the value")
    void badValueNamesTheFullKey() {
        assertThatThrownBy(() -> ServiceCatalogYaml.parse(
                        "services: [{code: '0101', name: a, attributes: "
                                + "[{code: X, datatype: string, order: first}]}]",
                        "f"))
                .isInstanceOfSatisfying(
                        ConfigException.class,
                        e -> assertThat(e.key()).isEqualTo("services[0](0101).attributes[0].order"))
                .hasMessage("services[0](0101).attributes[0].order: not a whole number: 'first'");
        assertThatThrownBy(() -> ServiceCatalogYaml.parse("services: [{code: '1', name: a, urgency: SOON}]", "f"))
                .hasMessage("services[0](1).urgency: unknown value 'SOON' (known: EMERGENCY, IMMEDIATE, NORMAL, "
                        + "COMPLEX)");
        assertThatThrownBy(() -> ServiceCatalogYaml.parse("services: {code: '1'}", "f"))
                .hasMessage("services: expected a list");
    }
}

package cn.jiesu.gateway.config;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class ConfigArchitectureTest {
    private final JavaClasses gateway = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("cn.jiesu.gateway");

    @Test
    @DisplayName("config imports no feature: features read their own keys, GatewayConfig assembles them")
    void configImportsNoFeature() {
        noClasses().that().resideInAPackage("cn.jiesu.gateway.config..")
                .should().dependOnClassesThat().resideInAnyPackage("cn.jiesu.gateway.callback..",
                        "cn.jiesu.gateway.console..", "cn.jiesu.gateway.phone..", "cn.jiesu.gateway.channels..",
                        "cn.jiesu.gateway.http..")
                .because("issue 13: the config package is read by every feature and must not depend on one")
                .check(gateway);
    }
}

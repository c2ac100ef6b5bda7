package cn.jiesu.core;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class ArchitectureTest {
    private final JavaClasses core = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("cn.jiesu.core");

    @Test
    @DisplayName("core imports no framework: pure records and logic only")
    void coreIsFrameworkFree() {
        noClasses()
                .that()
                .resideInAPackage("cn.jiesu.core..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "io.vertx..",
                        "io.lettuce..",
                        "org.asteriskjava..",
                        "io.micrometer..",
                        "io.netty..",
                        "com.fasterxml..",
                        "org.yaml..",
                        "org.slf4j..")
                .because("core holds the intake record and pure logic; adapters live in the outer modules")
                .check(core);
    }

    @Test
    @DisplayName("core knows no other Jiesu module: dependencies point inward")
    void coreKnowsNoOuterModule() {
        noClasses()
                .that()
                .resideInAPackage("cn.jiesu.core..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("cn.jiesu.redis..", "cn.jiesu.channels..", "cn.jiesu.ivr..", "cn.jiesu.gateway..")
                .check(core);
    }
}

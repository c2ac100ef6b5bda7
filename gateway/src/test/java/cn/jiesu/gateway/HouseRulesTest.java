package cn.jiesu.gateway;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The house rules of docs/CONTRIBUTING.md, over the main classes of every module (the gateway's tests see them all).
 * Each rule says why; core's own rule (no framework at all) is core's ArchitectureTest.
 */
@DisplayName("house rules: each library and each module stays in its room")
class HouseRulesTest {
    private static final JavaClasses ALL = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages(
                    "cn.jiesu.core",
                    "cn.jiesu.redis",
                    "cn.jiesu.channels",
                    "cn.jiesu.ivr",
                    "cn.jiesu.callbacks",
                    "cn.jiesu.gateway");

    @Test
    @DisplayName("Lettuce only in redis")
    void lettuceOnlyInRedis() {
        noClasses()
                .that()
                .resideOutsideOfPackage("cn.jiesu.redis..")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("io.lettuce..")
                .because("redis owns every Redis command and Lua script; the others see core's store ports, so a "
                        + "store can be tested in memory and Redis details stay in one place")
                .check(ALL);
    }

    @Test
    @DisplayName("Asterisk-Java only in ivr")
    void asteriskJavaOnlyInIvr() {
        noClasses()
                .that()
                .resideOutsideOfPackage("cn.jiesu.ivr..")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("org.asteriskjava..")
                .because("ivr translates AMI and FastAGI into Jiesu's own events and requests; callbacks and the "
                        + "console dial through ivr's AmiConnector, so an Asterisk-Java upgrade touches one module")
                .check(ALL);
    }

    @Test
    @DisplayName("Vert.x Web only in gateway")
    void vertxWebOnlyInGateway() {
        noClasses()
                .that()
                .resideOutsideOfPackage("cn.jiesu.gateway..")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("io.vertx.ext.web..")
                .because("gateway is the HTTP edge; channel adapters take an InboundRequest and return an HttpReply, "
                        + "so they are tested without a server")
                .check(ALL);
    }

    @Test
    @DisplayName("nothing knows gateway")
    void nothingKnowsGateway() {
        noClasses()
                .that()
                .resideOutsideOfPackage("cn.jiesu.gateway..")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("cn.jiesu.gateway..")
                .because("gateway is the edge and the composition root: dependencies point inward")
                .check(ALL);
    }

    @Test
    @DisplayName("redis, channels and ivr know no other module but core")
    void innerModulesKnowOnlyCore() {
        noClasses()
                .that()
                .resideInAnyPackage("cn.jiesu.redis..", "cn.jiesu.channels..", "cn.jiesu.ivr..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("cn.jiesu.callbacks..", "cn.jiesu.gateway..")
                .because("storage, channels and the phone are side by side around core; only the root joins them")
                .check(ALL);
        noClasses()
                .that()
                .resideInAPackage("cn.jiesu.redis..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("cn.jiesu.channels..", "cn.jiesu.ivr..")
                .because("redis implements core's ports and nothing else")
                .check(ALL);
        noClasses()
                .that()
                .resideInAPackage("cn.jiesu.channels..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("cn.jiesu.redis..", "cn.jiesu.ivr..")
                .because("a channel adapter is pure: verify, parse, normalize; storing is the pipeline's job")
                .check(ALL);
        noClasses()
                .that()
                .resideInAPackage("cn.jiesu.ivr..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("cn.jiesu.redis..", "cn.jiesu.channels..")
                .because("the phone line appends through core's AppealStore port")
                .check(ALL);
    }

    @Test
    @DisplayName("callbacks know core and ivr, not Redis or the channels")
    void callbacksKnowCoreAndIvr() {
        noClasses()
                .that()
                .resideInAPackage("cn.jiesu.callbacks..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("cn.jiesu.redis..", "cn.jiesu.channels..")
                .because("the dial loop reads and writes its schedule through core's CallbackStore and "
                        + "CallbackLeases ports; the Lua behind them is redis's")
                .check(ALL);
    }

    @Test
    @DisplayName("config imports no feature, and core's config tree is the only reader")
    void configImportsNoFeature() {
        noClasses()
                .that()
                .resideInAPackage("cn.jiesu.gateway.config..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "cn.jiesu.gateway.callback..",
                        "cn.jiesu.gateway.console..",
                        "cn.jiesu.gateway.phone..",
                        "cn.jiesu.gateway.channels..",
                        "cn.jiesu.gateway.http..")
                .because("the config package is read by every feature and must not depend on one; each feature "
                        + "reads its own keys from core's ConfigNode and GatewayConfig assembles them")
                .check(ALL);
        noClasses()
                .that()
                .resideOutsideOfPackages("cn.jiesu.gateway..", "cn.jiesu.channels..", "cn.jiesu.ivr..")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("org.yaml..")
                .because("YAML is parsed to maps at the edge of each module that owns a file; core's ConfigNode "
                        + "reads the maps with one duration grammar and one 'key: problem' error")
                .check(ALL);
    }
}

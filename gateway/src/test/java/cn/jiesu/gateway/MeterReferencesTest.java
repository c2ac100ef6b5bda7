package cn.jiesu.gateway;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.codeUnits;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaCall;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaCodeUnit;
import com.tngtech.archunit.core.domain.JavaMethodCall;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.FunctionTimer;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Metrics;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.TimeGauge;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Micrometer holds the object of a gauge (and of a function counter or timer) weakly unless told otherwise: given a
 * lambda or method reference that nothing else keeps, the meter reads NaN after the next garbage collection
 * ({@code ami.connection.up} did, while /health said AMI was up). These rules read the bytecode of every module and
 * fail on a meter that could lose its object that way.
 */
class MeterReferencesTest {
    /** Builders whose object is held weakly unless the chain calls {@code strongReference(true)}. */
    private static final Set<Class<?>> WEAK_BUILDERS =
            Set.of(Gauge.class, TimeGauge.class, FunctionCounter.class, FunctionTimer.class);
    /** Registry shortcuts that always hold their object weakly. */
    private static final Set<String> WEAK_SHORTCUTS = Set.of("gauge", "gaugeCollectionSize", "gaugeMapSize", "more");

    private static final JavaClasses OURS = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("cn.jiesu");

    @Test
    @DisplayName("the rules see every module's classes (else they would pass on nothing)")
    void importsEveryModule() {
        List<String> packages = List.of(
                "cn.jiesu.ivr.ami",
                "cn.jiesu.redis.callback",
                "cn.jiesu.callbacks",
                "cn.jiesu.gateway.console",
                "cn.jiesu.channels",
                "cn.jiesu.core");
        for (String p : packages) {
            if (OURS.stream().noneMatch(c -> c.getPackageName().startsWith(p))) {
                throw new AssertionError("no classes of " + p + " imported");
            }
        }
    }

    @Test
    @DisplayName("every gauge, function counter and function timer built with an object holds it strongly")
    void buildersHoldTheirObjectStrongly() {
        codeUnits()
                .should(
                        new ArchCondition<JavaCodeUnit>("call strongReference(true) for each meter built on an "
                                + "object (Gauge/TimeGauge/FunctionCounter/FunctionTimer.builder(name, obj, f))") {
                            @Override
                            public void check(JavaCodeUnit unit, ConditionEvents events) {
                                long built = unit.getMethodCallsFromSelf().stream()
                                        .filter(MeterReferencesTest::buildsOnObject)
                                        .count();
                                long strong = unit.getMethodCallsFromSelf().stream()
                                        .filter(c -> c.getName().equals("strongReference")
                                                && c.getTargetOwner()
                                                        .getName()
                                                        .startsWith("io.micrometer.core.instrument."))
                                        .count();
                                if (built > strong) {
                                    events.add(SimpleConditionEvent.violated(
                                            unit,
                                            unit.getFullName() + " builds " + built
                                                    + " meter(s) on an object but calls strongReference only " + strong
                                                    + " time(s) "
                                                    + unit.getSourceCodeLocation()));
                                }
                            }
                        })
                .allowEmptyShould(true)
                .check(OURS);
    }

    @Test
    @DisplayName("no registry shortcut that holds a gauge's object weakly (registry.gauge, gaugeMapSize, Metrics.*)")
    void noWeakShortcuts() {
        noClasses()
                .should(
                        new ArchCondition<>("call MeterRegistry.gauge/gaugeCollectionSize/gaugeMapSize/more(), "
                                + "Metrics.* or MultiGauge (each holds its object weakly or hides how)") {
                            @Override
                            public void check(com.tngtech.archunit.core.domain.JavaClass c, ConditionEvents events) {
                                for (JavaMethodCall call : c.getMethodCallsFromSelf()) {
                                    if (isWeakShortcut(call)) {
                                        events.add(SimpleConditionEvent.satisfied(c, call.getDescription()));
                                    }
                                }
                            }
                        })
                .check(OURS);
    }

    private static boolean buildsOnObject(JavaCall<?> call) {
        if (!call.getName().equals("builder")) {
            return false;
        }
        boolean weakOwner =
                WEAK_BUILDERS.stream().anyMatch(b -> call.getTargetOwner().isEquivalentTo(b));
        // Gauge.builder(name, Supplier) holds the supplier strongly by itself; the forms taking an object (three or
        // more parameters: name, obj, function...) do not.
        return weakOwner && call.getTarget().getRawParameterTypes().size() >= 3;
    }

    private static boolean isWeakShortcut(JavaMethodCall call) {
        String owner = call.getTargetOwner().getName();
        if (call.getTargetOwner().isAssignableTo(MeterRegistry.class) && WEAK_SHORTCUTS.contains(call.getName())) {
            return true;
        }
        return owner.equals(Metrics.class.getName()) || owner.startsWith(MultiGauge.class.getName());
    }
}

package cn.jiesu.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import cn.jiesu.gateway.support.UsesAsteriskLab;
import cn.jiesu.gateway.support.UsesChromium;
import com.tngtech.archunit.core.domain.AccessTarget.CodeUnitAccessTarget;
import com.tngtech.archunit.core.domain.JavaAccess;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaCodeUnit;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Isolated;

/**
 * The gateway's ITs run two classes at a time (gateway/pom.xml); these rules keep that safe. A class that reaches
 * the Asterisk lab must say so ({@link UsesAsteriskLab}: the lab has one FastAGI port and one set of agents), and a
 * class that reads the JVM's log or changes the shared Redis's configuration must run alone ({@link Isolated}).
 * "Reaches" follows calls through test support and testkit code, method by method, so a helper class that only
 * some of its callers use for the lab does not drag in the others.
 */
@DisplayName("parallel ITs: what they share is declared")
class ParallelTestRulesTest {
    private static final JavaClasses CLASSES =
            new ClassFileImporter().importPackages("cn.jiesu.gateway", "cn.jiesu.testkit");

    @Test
    @DisplayName("an IT that reaches the Asterisk lab is @UsesAsteriskLab")
    void labUsersDeclareIt() {
        Set<String> missing = itsReaching(ParallelTestRulesTest::touchesLab, UsesAsteriskLab.class);
        assertThat(missing)
                .as("these ITs reach LabEnv or the lab's settings without @UsesAsteriskLab: two of them at once "
                        + "would take each other's calls")
                .isEmpty();
        assertThat(itsReaching(ParallelTestRulesTest::touchesLab, null))
                .as("the rule sees the lab's users")
                .contains("cn.jiesu.gateway.console.ConsoleLabIT", "cn.jiesu.gateway.phone.SipCallsIT");
    }

    @Test
    @DisplayName("an IT that captures the JVM's log or reconfigures the shared Redis is @Isolated")
    void sharedStateUsersRunAlone() {
        Set<String> missing = itsReaching(ParallelTestRulesTest::touchesSharedState, Isolated.class);
        assertThat(missing)
                .as("these ITs read every log line of the JVM or CONFIG SET the shared Redis: beside another IT "
                        + "they would see its lines or break its writes")
                .isEmpty();
        assertThat(itsReaching(ParallelTestRulesTest::touchesSharedState, null))
                .contains("cn.jiesu.gateway.channels.HostileInputIT", "cn.jiesu.gateway.channels.ReadinessIT");
    }

    @Test
    @DisplayName("an IT that launches Chromium is @UsesChromium (at most two such classes run at once)")
    void browserUsersDeclareIt() {
        assertThat(itsReaching(ParallelTestRulesTest::launchesChromium, UsesChromium.class))
                .as("these ITs launch HeadlessChromium without @UsesChromium: ClassGate would let a third browser in")
                .isEmpty();
        assertThat(itsReaching(ParallelTestRulesTest::launchesChromium, null))
                .as("the rule sees the browser users")
                .contains("cn.jiesu.gateway.console.ConsoleBrowserIT", "cn.jiesu.gateway.console.ConsoleLabIT");
    }

    private static boolean launchesChromium(CodeUnitAccessTarget target) {
        return target.getOwner().getName().equals("cn.jiesu.gateway.support.HeadlessChromium")
                && target.getName().equals("launch");
    }

    private static boolean touchesLab(CodeUnitAccessTarget target) {
        String owner = target.getOwner().getName();
        return owner.equals("cn.jiesu.testkit.LabEnv")
                || owner.equals("cn.jiesu.gateway.support.TestServices")
                        && (target.getName().equals("phoneGatewayEnv")
                                || target.getName().equals("require"));
    }

    private static boolean touchesSharedState(CodeUnitAccessTarget target) {
        String owner = target.getOwner().getName();
        return owner.equals("cn.jiesu.gateway.support.LogCapture")
                || owner.equals("ch.qos.logback.core.read.ListAppender")
                || target.getName().equals("addAppender")
                || target.getName().equals("configSet");
    }

    /** ITs whose code reaches a matching call; with {@code unless}, only those not annotated with it. */
    private static Set<String> itsReaching(
            Predicate<CodeUnitAccessTarget> sink, Class<? extends java.lang.annotation.Annotation> unless) {
        Set<String> out = new TreeSet<>();
        for (JavaClass c : CLASSES) {
            if (!c.getSimpleName().endsWith("IT") || c.isNestedClass()) {
                continue;
            }
            if (unless != null && c.isAnnotatedWith(unless)) {
                continue;
            }
            if (reaches(roots(c), sink)) {
                out.add(c.getName());
            }
        }
        return out;
    }

    /** The IT's own code: its methods, constructors and initializers, and those of its nested classes. */
    private static List<JavaCodeUnit> roots(JavaClass it) {
        return CLASSES.stream()
                .filter(c -> c.equals(it) || c.getName().startsWith(it.getName() + "$"))
                .flatMap(c -> c.getCodeUnits().stream())
                .toList();
    }

    private static boolean reaches(List<JavaCodeUnit> roots, Predicate<CodeUnitAccessTarget> sink) {
        Deque<JavaCodeUnit> todo = new ArrayDeque<>(roots);
        Set<JavaCodeUnit> seen = new HashSet<>(roots);
        while (!todo.isEmpty()) {
            JavaCodeUnit unit = todo.pop();
            for (JavaAccess<?> access : unit.getAccessesFromSelf()) {
                if (!(access.getTarget() instanceof CodeUnitAccessTarget target)) {
                    continue;
                }
                if (sink.test(target)) {
                    return true;
                }
                if (!isTestSupport(target.getOwner())) {
                    continue;
                }
                target.resolveMember().filter(seen::add).ifPresent(todo::push);
            }
        }
        return false;
    }

    /** Test code and testkit: where a lab or log capture can hide behind a helper. Main code never reaches them. */
    private static boolean isTestSupport(JavaClass c) {
        return c.getSource()
                .map(s -> s.getUri().toString())
                .filter(u -> u.contains("test-classes") || u.contains("testkit"))
                .isPresent();
    }
}

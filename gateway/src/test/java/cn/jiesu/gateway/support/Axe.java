package cn.jiesu.gateway.support;

import static org.assertj.core.api.Assertions.assertThat;

import com.deque.html.axecore.playwright.AxeBuilder;
import com.deque.html.axecore.results.AxeResults;
import com.deque.html.axecore.results.Rule;
import com.microsoft.playwright.Page;
import java.util.List;
import java.util.Set;

/**
 * axe-core (Deque's rules, injected from the test's classpath, nothing fetched) over a page as it stands: the
 * accessibility check of the browser tests. Serious and critical violations fail the test; every violation is
 * printed with its rule id and the elements it found, so a failure says what to fix.
 */
public final class Axe {
    private static final Set<String> FAILING = Set.of("serious", "critical");

    private Axe() {}

    /** Runs every axe rule (WCAG 2.x A and AA, best practices) on {@code page}; {@code what} names the page state. */
    public static void assertNoSeriousViolations(Page page, String what) {
        AxeResults results = new AxeBuilder(page).analyze();
        assertThat(results.getErrorMessage()).as(what + ": axe-core error").isNull();
        List<String> all = results.getViolations().stream()
                .flatMap(rule -> rule.getNodes().stream().map(n -> describe(rule) + " " + n.getTarget()))
                .toList();
        if (!all.isEmpty()) {
            System.out.println("axe-core on " + what + ":\n  " + String.join("\n  ", all));
        }
        List<String> failing = results.getViolations().stream()
                .filter(rule -> FAILING.contains(rule.getImpact()))
                .flatMap(rule -> rule.getNodes().stream()
                        .map(n -> describe(rule) + " " + n.getTarget() + " — " + n.getFailureSummary()))
                .toList();
        assertThat(failing)
                .as(what + ": axe-core serious or critical violations (rule, targets)")
                .isEmpty();
        assertThat(results.getPasses()).as(what + ": axe-core ran its rules").isNotEmpty();
    }

    private static String describe(Rule rule) {
        return "[" + rule.getImpact() + "] " + rule.getId();
    }
}

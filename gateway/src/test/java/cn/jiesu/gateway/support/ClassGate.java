package cn.jiesu.gateway.support;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Semaphore;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.parallel.Isolated;
import org.junit.platform.commons.support.AnnotationSupport;

/**
 * How many gateway IT classes run at once (registered through META-INF/services, autodetection on in gateway/pom.xml's
 * failsafe): besides the lab's chain ({@link UsesAsteriskLab}, one at a time on its lock) at most two other classes,
 * and of all of them at most two with a browser ({@link UsesChromium}).
 *
 * <p>Why: JUnit's fork-join pool makes up for every worker waiting on the lab's lock with a new worker, so with the
 * lab classes queued first, a CI run measured six to eight classes and up to 71 Chromium processes at once on two
 * cores (load average 30): 4-20 s waits in whichever class was running then failed one timing test in every other
 * run. The permits are JVM-wide, as the lock they complement is.
 */
public final class ClassGate implements BeforeAllCallback, AfterAllCallback {
    private static final Semaphore OTHERS = new Semaphore(2, true);
    private static final Semaphore BROWSERS = new Semaphore(2, true);
    private static final ExtensionContext.Namespace NS = ExtensionContext.Namespace.create(ClassGate.class);

    @Override
    public void beforeAll(ExtensionContext context) throws InterruptedException {
        Class<?> c = context.getRequiredTestClass();
        if (c.getEnclosingClass() != null) {
            return; // a @Nested class runs inside its outer class's permits
        }
        List<Semaphore> taken = new ArrayList<>(2);
        if (!AnnotationSupport.isAnnotated(c, UsesAsteriskLab.class)
                && !AnnotationSupport.isAnnotated(c, Isolated.class)) {
            OTHERS.acquire();
            taken.add(OTHERS);
        }
        if (AnnotationSupport.isAnnotated(c, UsesChromium.class)) {
            try {
                BROWSERS.acquire();
            } catch (InterruptedException e) {
                taken.forEach(Semaphore::release);
                throw e;
            }
            taken.add(BROWSERS);
        }
        context.getStore(NS).put("taken", taken);
    }

    @Override
    public void afterAll(ExtensionContext context) {
        @SuppressWarnings("unchecked")
        List<Semaphore> taken = context.getStore(NS).remove("taken", List.class);
        if (taken != null) {
            taken.forEach(Semaphore::release);
        }
    }
}

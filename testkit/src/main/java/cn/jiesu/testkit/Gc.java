package cn.jiesu.testkit;

import java.lang.ref.WeakReference;

/**
 * A garbage collection that is known to have cleared weak references. {@link System#gc()} is only a request: a JVM
 * may ignore it ({@code -XX:+DisableExplicitGC}) or collect without reaching the referent, and a test that asserts
 * "still there after a GC" would then pass without having tested anything.
 */
public final class Gc {
    private static final int ATTEMPTS = 20;

    private Gc() {}

    /**
     * Requests collections until an object reachable only through a weak reference is gone, then one more; fails
     * when it never goes. That proves a collection ran, not that it reached every weakly reachable object (a young
     * collection may leave older ones): a test that needs that too should also check a control, an object it made
     * reachable only weakly beside the one it expects to survive.
     */
    public static void clearWeakReferences() {
        WeakReference<Object> marker = new WeakReference<>(new Object());
        for (int i = 0; i < ATTEMPTS; i++) {
            System.gc();
            if (marker.get() == null) {
                System.gc();
                return;
            }
            try {
                Thread.sleep(10L * (i + 1));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        throw new IllegalStateException("no garbage collection cleared a weak reference after " + ATTEMPTS
                + " System.gc() calls (explicit GC disabled?): a test relying on one would prove nothing");
    }
}

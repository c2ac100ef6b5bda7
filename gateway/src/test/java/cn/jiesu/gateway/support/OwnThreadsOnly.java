package cn.jiesu.gateway.support;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Every gateway IT (registered through META-INF/services, autodetection on in gateway/pom.xml's failsafe): an
 * await fails on what its own test waits for, not on an uncaught exception of any thread of the JVM. Awaitility
 * catches those by default; with two IT classes running at once, a worker thread of the other class's gateway
 * failing as that gateway shut down (a Vert.x event loop already terminated) failed CallbackLabIT's await.
 */
public final class OwnThreadsOnly implements BeforeAllCallback {
    @Override
    public void beforeAll(ExtensionContext context) {
        Awaitility.doNotCatchUncaughtExceptionsByDefault();
    }
}

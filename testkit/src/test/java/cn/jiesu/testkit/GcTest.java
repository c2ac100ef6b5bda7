package cn.jiesu.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.ref.WeakReference;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class GcTest {
    @Test
    @DisplayName("after clearWeakReferences an object reachable only weakly is gone, a strongly held one is not")
    void clears() {
        Object kept = new Object();
        WeakReference<Object> weak = new WeakReference<>(new Object());
        WeakReference<Object> strong = new WeakReference<>(kept);
        Gc.clearWeakReferences();
        assertThat(weak.get()).isNull();
        assertThat(strong.get()).isSameAs(kept);
    }
}

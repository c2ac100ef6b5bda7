package cn.jiesu.core.hotspot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class HotspotTailTest {
    @Test
    @DisplayName("Poisson and negative-binomial upper tails match hand-computed values")
    void tails() {
        // P(X ≥ 3 | Poisson 0.5) = 1 - e^-0.5 (1 + 0.5 + 0.125)
        assertThat(Tail.upper(3, 0.5, Double.POSITIVE_INFINITY)).isCloseTo(1 - Math.exp(-0.5) * 1.625, within(1e-12));
        assertThat(Tail.upper(0, 0.5, 10)).isEqualTo(1.0);
        // Geometric (size 1, mean 1): P(X ≥ k) = 0.5^k
        assertThat(Tail.upper(10, 1.0, 1)).isCloseTo(Math.pow(0.5, 10), within(1e-12));
        // Over-dispersion fattens the tail.
        assertThat(Tail.upper(30, 10, 5)).isGreaterThan(100 * Tail.upper(30, 10, Double.POSITIVE_INFINITY));
        assertThat(Tail.logGamma(11)).isCloseTo(Math.log(3628800), within(1e-10));
    }
}

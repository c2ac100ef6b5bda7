package cn.jiesu.core.hotspot;

/**
 * Upper tail P(X ≥ k) of a count with a given mean: Poisson, or negative binomial (variance mean + mean²/size)
 * for keys whose counts swing more than Poisson from day to day (weather drives leaks, heating, power).
 */
final class Tail {
    private Tail() {}

    /** P(X ≥ k) for a negative binomial of this mean and size; Poisson when size is infinite. */
    static double upper(long k, double mean, double size) {
        if (k <= 0) {
            return 1.0;
        }
        if (mean <= 0) {
            return 0.0;
        }
        boolean poisson = Double.isInfinite(size);
        double q = poisson ? 0 : mean / (size + mean);
        double logP = poisson
                ? -mean + k * Math.log(mean) - logGamma(k + 1.0)
                : logGamma(k + size)
                        - logGamma(size)
                        - logGamma(k + 1.0)
                        + size * Math.log(size / (size + mean))
                        + k * Math.log(q);
        // Sum the pmf upwards from k: the terms fall geometrically once past the mean, and summing the small
        // tail directly keeps the precision that 1 - cdf would lose at p ~ 1e-9.
        double term = Math.exp(logP);
        double sum = 0;
        for (long x = k; x < k + 100_000; x++) {
            sum += term;
            double ratio = poisson ? mean / (x + 1) : q * (x + size) / (x + 1);
            term *= ratio;
            if (term < sum * 1e-12 || term == 0) {
                break;
            }
        }
        return Math.min(1.0, sum);
    }

    /** ln Γ(x) for x > 0 (Lanczos, g = 7, n = 9; relative error ~1e-15). */
    static double logGamma(double x) {
        if (x < 0.5) {
            return Math.log(Math.PI / Math.sin(Math.PI * x)) - logGamma(1 - x);
        }
        x -= 1;
        double a = LANCZOS[0];
        double t = x + 7.5;
        for (int i = 1; i < 9; i++) {
            a += LANCZOS[i] / (x + i);
        }
        return 0.5 * Math.log(2 * Math.PI) + (x + 0.5) * Math.log(t) - t + Math.log(a);
    }

    private static final double[] LANCZOS = {
        0.99999999999980993,
        676.5203681218851,
        -1259.1392167224028,
        771.32342877765313,
        -176.61502916214059,
        12.507343278686905,
        -0.13857109526572012,
        9.9843695780195716e-6,
        1.5056327351493116e-7
    };
}

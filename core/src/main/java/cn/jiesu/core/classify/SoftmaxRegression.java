package cn.jiesu.core.classify;

import java.util.List;
import java.util.Random;

/**
 * Multinomial logistic regression over sparse vectors, trained with AdaGrad. Written here rather than taken from a
 * library because it is forty lines and the ML libraries on Maven Central would bring megabytes of dependencies
 * (and native code) to the pure core for one dot product per class. Immutable once trained; thread-safe.
 */
final class SoftmaxRegression {
    /** Training knobs. */
    record Settings(int epochs, double learningRate, double l2, long seed) {}

    /** One training row: its vector, its class and how much it counts (classes rarer in the corpus count more). */
    record Row(SparseVector x, int label, double weight) {}

    private final float[][] weights; // [class][feature]

    private SoftmaxRegression(float[][] weights) {
        this.weights = weights;
    }

    int classes() {
        return weights.length;
    }

    static SoftmaxRegression train(List<Row> rows, int classes, int dimension, Settings s) {
        float[][] w = new float[classes][dimension];
        float[][] g2 = new float[classes][dimension];
        int[] order = new int[rows.size()];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Random random = new Random(s.seed());
        double[] p = new double[classes];
        for (int epoch = 0; epoch < s.epochs(); epoch++) {
            for (int i = order.length - 1; i > 0; i--) { // a fixed-seed shuffle: the same corpus gives the same model
                int j = random.nextInt(i + 1);
                int t = order[i];
                order[i] = order[j];
                order[j] = t;
            }
            for (int r : order) {
                Row row = rows.get(r);
                probabilities(w, row.x(), p);
                for (int c = 0; c < classes; c++) {
                    double err = (p[c] - (c == row.label() ? 1 : 0)) * row.weight();
                    float[] wc = w[c];
                    float[] gc = g2[c];
                    for (int k = 0; k < row.x().size(); k++) {
                        int f = row.x().index()[k];
                        double grad = err * row.x().value()[k] + s.l2() * wc[f];
                        gc[f] += (float) (grad * grad);
                        wc[f] -= (float) (s.learningRate() * grad / (Math.sqrt(gc[f]) + 1e-8));
                    }
                }
            }
        }
        return new SoftmaxRegression(w);
    }

    /** Class probabilities of {@code x} into {@code out} (length {@link #classes()}). */
    void probabilities(SparseVector x, double[] out) {
        probabilities(weights, x, out);
    }

    private static void probabilities(float[][] w, SparseVector x, double[] out) {
        double max = Double.NEGATIVE_INFINITY;
        for (int c = 0; c < w.length; c++) {
            double z = 0;
            float[] wc = w[c];
            for (int k = 0; k < x.size(); k++) {
                z += wc[x.index()[k]] * x.value()[k];
            }
            out[c] = z;
            max = Math.max(max, z);
        }
        double sum = 0;
        for (int c = 0; c < w.length; c++) {
            out[c] = Math.exp(out[c] - max);
            sum += out[c];
        }
        for (int c = 0; c < w.length; c++) {
            out[c] /= sum;
        }
    }
}

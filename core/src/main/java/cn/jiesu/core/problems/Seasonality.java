package cn.jiesu.core.problems;

import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;

/**
 * Which calendar months carry a pair's volume, once the store has at least 12 months of history. For each calendar
 * month {@code k} (1..12), {@code mean_k} is the pair's mean count over the history months falling in {@code k};
 * the yearly mean {@code μ} is the mean of the twelve {@code mean_k} (so a history of 17 months does not weigh the
 * five repeated months twice); {@code index_k = mean_k / μ} (1 = an ordinary month, 2 = twice the usual). Peak
 * months are those with {@code index_k ≥ 1.5}, highest first. With fewer than 12 months of history: status
 * {@code insufficient history}, no index.
 *
 * @param historyMonths how many months of history the figures rest on
 * @param index         12 values, January first, rounded to 2 decimals; empty without enough history
 * @param peakMonths    calendar months (1..12), highest index first
 */
public record Seasonality(String status, int historyMonths, List<Double> index, List<Integer> peakMonths) {
    public static final String OK = "ok";
    public static final String INSUFFICIENT = "insufficient history";
    static final int MIN_HISTORY = 12;
    static final double PEAK = 1.5;

    public Seasonality {
        index = List.copyOf(index);
        peakMonths = List.copyOf(peakMonths);
    }

    /**
     * The seasonality of {@code counts}, whose index 0 is {@code first}, over the history {@code start..end}
     * (indices, inclusive).
     */
    public static Seasonality of(long[] counts, YearMonth first, int start, int end) {
        int months = end - start + 1;
        if (months < MIN_HISTORY) {
            return new Seasonality(INSUFFICIENT, Math.max(0, months), List.of(), List.of());
        }
        double[] sum = new double[12];
        int[] n = new int[12];
        for (int i = start; i <= end; i++) {
            int k = first.plusMonths(i).getMonthValue() - 1;
            sum[k] += counts[i];
            n[k]++;
        }
        double[] mean = new double[12];
        double mu = 0;
        for (int k = 0; k < 12; k++) {
            mean[k] = sum[k] / n[k];
            mu += mean[k] / 12;
        }
        List<Double> index = new ArrayList<>();
        for (int k = 0; k < 12; k++) {
            index.add(mu == 0 ? 0.0 : Math.round(mean[k] / mu * 100) / 100.0);
        }
        List<Integer> peaks = IntStream.range(0, 12)
                .filter(k -> index.get(k) >= PEAK)
                .boxed()
                .sorted(Comparator.comparing((Integer k) -> -index.get(k)).thenComparing(k -> k))
                .map(k -> k + 1)
                .toList();
        return new Seasonality(OK, months, index, peaks);
    }
}

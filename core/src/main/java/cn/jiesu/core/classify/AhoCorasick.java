package cn.jiesu.core.classify;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Aho–Corasick automaton: finds every occurrence of every pattern in one left-to-right pass over the text,
 * in time linear in the text plus the number of matches. Immutable once built, so one instance may be shared by
 * any number of threads.
 *
 * @param <T> what a pattern stands for (a rule)
 */
public final class AhoCorasick<T> {

    /** One occurrence: {@code text.substring(start, end)} equals the pattern of {@code value}. */
    public record Match<T>(int start, int end, T value) {}

    /** Receives matches in order of their end position. */
    @FunctionalInterface
    public interface MatchSink<T> {
        void accept(int start, int end, T value);
    }

    // Per state: sorted transition labels and targets, the failure link, the nearest state on the failure
    // chain that ends a pattern (the dictionary link) and the patterns ending exactly here.
    private final char[][] labels;
    private final int[][] targets;
    private final int[] fail;
    private final int[] dictionary;
    private final int[][] outputs;
    private final int[] patternLength;
    private final List<T> values;

    private AhoCorasick(
            char[][] labels,
            int[][] targets,
            int[] fail,
            int[] dictionary,
            int[][] outputs,
            int[] patternLength,
            List<T> values) {
        this.labels = labels;
        this.targets = targets;
        this.fail = fail;
        this.dictionary = dictionary;
        this.outputs = outputs;
        this.patternLength = patternLength;
        this.values = values;
    }

    public static <T> Builder<T> builder() {
        return new Builder<>();
    }

    public int patternCount() {
        return values.size();
    }

    /** All matches, ordered by end position, then longest first. */
    public List<Match<T>> findAll(CharSequence text) {
        List<Match<T>> out = new ArrayList<>();
        scan(text, (s, e, v) -> out.add(new Match<>(s, e, v)));
        return out;
    }

    public void scan(CharSequence text, MatchSink<T> sink) {
        int state = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            int next = step(state, c);
            while (next < 0 && state != 0) {
                state = fail[state];
                next = step(state, c);
            }
            state = Math.max(next, 0);
            for (int s = outputs[state].length > 0 ? state : dictionary[state]; s > 0; s = dictionary[s]) {
                for (int p : outputs[s]) {
                    sink.accept(i + 1 - patternLength[p], i + 1, values.get(p));
                }
            }
        }
    }

    private int step(int state, char c) {
        int at = Arrays.binarySearch(labels[state], c);
        return at >= 0 ? targets[state][at] : -1;
    }

    /** Collects patterns; not thread-safe, use from one thread and then {@link #build()}. */
    public static final class Builder<T> {
        private final List<TreeMap<Character, Integer>> goTo = new ArrayList<>(List.of(new TreeMap<>()));
        private final List<List<Integer>> ends = new ArrayList<>(List.of(new ArrayList<>()));
        private final List<Integer> lengths = new ArrayList<>();
        private final List<T> values = new ArrayList<>();

        private Builder() {}

        /** Adds a pattern; the same pattern may be added for several values, and each is reported. */
        public Builder<T> add(String pattern, T value) {
            if (pattern == null || pattern.isEmpty()) {
                throw new IllegalArgumentException("pattern: must not be empty");
            }
            Objects.requireNonNull(value, "value");
            int state = 0;
            for (int i = 0; i < pattern.length(); i++) {
                Integer next = goTo.get(state).get(pattern.charAt(i));
                if (next == null) {
                    next = goTo.size();
                    goTo.add(new TreeMap<>());
                    ends.add(new ArrayList<>());
                    goTo.get(state).put(pattern.charAt(i), next);
                }
                state = next;
            }
            ends.get(state).add(values.size());
            lengths.add(pattern.length());
            values.add(value);
            return this;
        }

        public AhoCorasick<T> build() {
            int n = goTo.size();
            char[][] labels = new char[n][];
            int[][] targets = new int[n][];
            int[][] outputs = new int[n][];
            for (int s = 0; s < n; s++) {
                Map<Character, Integer> edges = goTo.get(s);
                labels[s] = new char[edges.size()];
                targets[s] = new int[edges.size()];
                int k = 0;
                for (Map.Entry<Character, Integer> e : edges.entrySet()) { // TreeMap: labels come sorted
                    labels[s][k] = e.getKey();
                    targets[s][k++] = e.getValue();
                }
                outputs[s] = ends.get(s).stream().mapToInt(Integer::intValue).toArray();
            }
            int[] fail = new int[n];
            int[] dictionary = new int[n];
            ArrayDeque<Integer> queue = new ArrayDeque<>();
            for (int child : targets[0]) {
                queue.add(child); // depth 1: fail and dictionary links stay at the root
            }
            while (!queue.isEmpty()) {
                int s = queue.poll();
                for (int k = 0; k < labels[s].length; k++) {
                    char c = labels[s][k];
                    int child = targets[s][k];
                    int f = fail[s];
                    int next = indexOf(labels[f], targets[f], c);
                    while (next < 0 && f != 0) {
                        f = fail[f];
                        next = indexOf(labels[f], targets[f], c);
                    }
                    fail[child] = Math.max(next, 0);
                    int d = fail[child];
                    dictionary[child] = outputs[d].length > 0 ? d : dictionary[d];
                    queue.add(child);
                }
            }
            int[] patternLength = lengths.stream().mapToInt(Integer::intValue).toArray();
            return new AhoCorasick<>(labels, targets, fail, dictionary, outputs, patternLength, List.copyOf(values));
        }

        private static int indexOf(char[] labels, int[] targets, char c) {
            int at = Arrays.binarySearch(labels, c);
            return at >= 0 ? targets[at] : -1;
        }
    }
}

package cn.jiesu.core.classify;

/**
 * A feature vector with few non-zero entries: sorted distinct indices and their values. Built per appeal and
 * thrown away, so it is two plain arrays.
 */
record SparseVector(int[] index, float[] value) {

    int size() {
        return index.length;
    }
}

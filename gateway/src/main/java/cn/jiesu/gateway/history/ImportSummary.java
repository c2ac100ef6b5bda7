package cn.jiesu.gateway.history;

import java.io.PrintStream;

/**
 * What an import did, line by line. Every line read is exactly one of: refused, already imported, too old, counted;
 * counted lines may also be problems-only (older than the hourly counts' retention), unplaced or without a topic.
 */
public final class ImportSummary {
    long read;
    long refused;
    long alreadyImported;
    long tooOld;
    long counted;
    long problemsOnly;
    long unplaced;
    long noTopic;
    private boolean printed;

    /**
     * Prints the summary unless it was printed; true when this call printed it. Synchronized: the run's end (also a
     * stop on an error) and Ctrl-C's handler print it once, and the handler waits for a summary being printed to be
     * whole before the JVM halts.
     */
    public synchronized boolean printOnce(PrintStream out, String hourlyRetention, String problemRetention) {
        if (printed) {
            return false;
        }
        printed = true;
        print(out, hourlyRetention, problemRetention);
        return true;
    }

    public long read() {
        return read;
    }

    public long refused() {
        return refused;
    }

    public long alreadyImported() {
        return alreadyImported;
    }

    public long counted() {
        return counted;
    }

    public long problemsOnly() {
        return problemsOnly;
    }

    public long unplaced() {
        return unplaced;
    }

    public long noTopic() {
        return noTopic;
    }

    public long tooOld() {
        return tooOld;
    }

    /** The summary an operator reads, one figure a line. */
    public void print(PrintStream out, String hourlyRetention, String problemRetention) {
        out.println("read:             " + read);
        out.println("counted:          " + counted);
        out.println("already imported: " + alreadyImported + " (counted by an earlier run; not again)");
        out.println("refused:          " + refused + (refused > 0 ? " (each named on standard error)" : ""));
        out.println("problems only:    " + problemsOnly + " (older than the hotspot baseline's " + hourlyRetention
                + ": counted for recurring problems only)");
        out.println("too old:          " + tooOld + " (older than problems.retention-months " + problemRetention
                + ": not counted)");
        out.println("unplaced:         " + unplaced + " (counted city-wide only)");
        out.println("no topic:         " + noTopic + " (in the baseline's totals; not in recurring problems)");
    }
}

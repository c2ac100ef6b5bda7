package cn.jiesu.bench.ami;

/**
 * One measured replay.
 *
 * @param cpuCores process CPU time over wall time (1.0 = one core busy)
 * @param dropped  events lost on the way (Asterisk-Java's queue and ours), -1 where not applicable
 * @param appeals  distinct phone appeals appended, -1 where the path does not track calls
 */
record ReplayRun(String path, int events, long nanos, double cpuCores, long dropped, long gaps, int appeals) {

    double eventsPerSecond() {
        return events / (nanos / 1e9);
    }

    /** Events per second of CPU: less sensitive than events/s to other processes on a shared machine. */
    double eventsPerCpuSecond() {
        return eventsPerSecond() / cpuCores;
    }
}

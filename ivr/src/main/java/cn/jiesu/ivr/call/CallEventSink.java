package cn.jiesu.ivr.call;

/**
 * Where the AMI connector's single consumer thread delivers call events. Implementations may assume that only
 * that one thread calls them.
 */
public interface CallEventSink {
    void apply(CallEvent event);

    /** Called at least every 100 ms and after each batch of events: time-driven work (closing calls). */
    void tick();
}

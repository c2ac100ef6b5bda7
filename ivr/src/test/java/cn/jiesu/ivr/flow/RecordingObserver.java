package cn.jiesu.ivr.flow;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Remembers what flows report, for assertions. Thread-safe. */
final class RecordingObserver implements FlowObserver {
    final List<String> played = new CopyOnWriteArrayList<>();
    final List<String> degraded = new CopyOnWriteArrayList<>();
    final List<FlowResult> ended = new CopyOnWriteArrayList<>();

    @Override
    public void played(CallRef call, String what) {
        played.add(what);
    }

    @Override
    public void degraded(CallRef call, String kind, Throwable cause) {
        degraded.add(kind);
    }

    @Override
    public void ended(CallRef call, FlowResult result) {
        ended.add(result);
    }
}

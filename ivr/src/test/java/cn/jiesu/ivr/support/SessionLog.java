package cn.jiesu.ivr.support;

import cn.jiesu.ivr.flow.CallRef;
import cn.jiesu.ivr.flow.FlowObserver;
import cn.jiesu.ivr.flow.FlowResult;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/** The test hook on the IVR: what each session (by Uniqueid) played and how it ended. Thread-safe. */
public final class SessionLog implements FlowObserver {
    private final Map<String, List<String>> played = new ConcurrentHashMap<>();
    private final Map<String, FlowResult> ended = new ConcurrentHashMap<>();
    private final Map<String, CallRef> calls = new ConcurrentHashMap<>();
    private final Map<String, Boolean> onVirtualThread = new ConcurrentHashMap<>();

    @Override
    public void played(CallRef call, String what) {
        calls.putIfAbsent(call.uniqueid(), call);
        played.computeIfAbsent(call.uniqueid(), k -> new CopyOnWriteArrayList<>())
                .add(what);
    }

    @Override
    public void ended(CallRef call, FlowResult result) {
        calls.putIfAbsent(call.uniqueid(), call);
        ended.put(call.uniqueid(), result);
        onVirtualThread.put(call.uniqueid(), Thread.currentThread().isVirtual());
    }

    /** Whether the session that served {@code uniqueid} ran on a virtual thread. */
    public Optional<Boolean> ranOnVirtualThread(String uniqueid) {
        return Optional.ofNullable(onVirtualThread.get(uniqueid));
    }

    public List<String> played(String uniqueid) {
        return played.getOrDefault(uniqueid, List.of());
    }

    public Optional<FlowResult> result(String uniqueid) {
        return Optional.ofNullable(ended.get(uniqueid));
    }

    public Optional<CallRef> call(String uniqueid) {
        return Optional.ofNullable(calls.get(uniqueid));
    }

    public int sessionsEnded() {
        return ended.size();
    }
}

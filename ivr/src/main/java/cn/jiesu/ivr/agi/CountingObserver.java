package cn.jiesu.ivr.agi;

import cn.jiesu.ivr.flow.CallRef;
import cn.jiesu.ivr.flow.FlowObserver;
import cn.jiesu.ivr.flow.FlowResult;

/** Counts degraded flows in {@code agi.errors{kind}} and passes everything on to the gateway's observer. */
record CountingObserver(AgiMetrics metrics, FlowObserver next) implements FlowObserver {
    @Override
    public void played(CallRef call, String what) {
        next.played(call, what);
    }

    @Override
    public void variableSet(CallRef call, String name, String value) {
        next.variableSet(call, name, value);
    }

    @Override
    public void degraded(CallRef call, String kind, Throwable cause) {
        metrics.error(kind);
        next.degraded(call, kind, cause);
    }

    @Override
    public void ended(CallRef call, FlowResult result) {
        next.ended(call, result);
    }
}

package cn.jiesu.callbacks;

import cn.jiesu.core.appeal.Satisfaction;
import cn.jiesu.core.callback.CallbackAttempt;
import cn.jiesu.core.callback.CallbackKind;
import cn.jiesu.core.callback.CallbackOutcome;
import cn.jiesu.core.rates.RateScope;
import cn.jiesu.core.rates.RateStore;
import cn.jiesu.ivr.dialplan.DialplanVariables;
import cn.jiesu.ivr.flow.CallRef;
import cn.jiesu.ivr.flow.FlowObserver;
import java.time.Clock;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stores survey answers on the appeal and in 满意率: the IVR's {@code survey} flow sets {@code JIESU_SURVEY}
 * (SATISFIED, BASICALLY_SATISFIED, DISSATISFIED, or NO_RESPONSE after its retries) on a call whose AGI URL carries
 * {@code ticket=<intakeId>}; a survey callback that ends UNREACHED after its last attempt is NO_RESPONSE too. As a
 * {@link FlowObserver} it runs on the FastAGI session's thread; as an {@link AttemptListener} on a Lettuce thread:
 * it only starts the write.
 */
public final class SurveyRecorder implements FlowObserver, AttemptListener {
    private static final Logger LOG = LoggerFactory.getLogger(SurveyRecorder.class);
    static final String VARIABLE = DialplanVariables.SURVEY;

    private final RateStore rates;
    private final Clock clock;

    public SurveyRecorder(RateStore rates, Clock clock) {
        this.rates = rates;
        this.clock = clock;
    }

    @Override
    public void variableSet(CallRef call, String name, String value) {
        if (!VARIABLE.equals(name) || !"survey".equals(call.script())) {
            return;
        }
        String ticket = call.params().get("ticket");
        Satisfaction s;
        try {
            s = Satisfaction.valueOf(value);
        } catch (IllegalArgumentException | NullPointerException e) {
            LOG.warn("survey on {}: unknown answer {}", call.uniqueid(), value);
            return;
        }
        if (ticket == null || ticket.isBlank()) {
            LOG.warn("survey on {}: no ticket in the AGI URL; answer {} not stored", call.uniqueid(), s);
            return;
        }
        record(ticket, s, clock.instant());
    }

    /** An observer for the FastAGI server that tells {@code other} everything and records survey answers. */
    public FlowObserver alongside(FlowObserver other) {
        SurveyRecorder self = this;
        return new FlowObserver() {
            @Override
            public void played(CallRef call, String what) {
                other.played(call, what);
            }

            @Override
            public void variableSet(CallRef call, String name, String value) {
                other.variableSet(call, name, value);
                self.variableSet(call, name, value);
            }

            @Override
            public void degraded(CallRef call, String kind, Throwable cause) {
                other.degraded(call, kind, cause);
            }

            @Override
            public void ended(CallRef call, cn.jiesu.ivr.flow.FlowResult result) {
                other.ended(call, result);
            }
        };
    }

    @Override
    public void attemptEnded(CallbackAttempt a, CallbackOutcome outcome, Instant ended, String status) {
        if (a.kind() == CallbackKind.SURVEY && "UNREACHED".equals(status)) {
            record(a.intakeId(), Satisfaction.NO_RESPONSE, ended);
        }
    }

    private void record(String intakeId, Satisfaction s, Instant at) {
        // The appeal's scopes were stored when it was counted as due; "unknown" only fills in when it never was.
        rates.rated(intakeId, new RateScope(null, null), s, at).whenComplete((counted, e) -> {
            if (e != null) {
                LOG.warn("survey answer {} for {} not stored: {}", s, intakeId, e.toString());
            }
        });
    }
}

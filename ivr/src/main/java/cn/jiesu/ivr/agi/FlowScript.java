package cn.jiesu.ivr.agi;

import cn.jiesu.ivr.flow.CallRef;
import cn.jiesu.ivr.flow.CallerHangupException;
import cn.jiesu.ivr.flow.ChannelException;
import cn.jiesu.ivr.flow.FlowInterpreter;
import cn.jiesu.ivr.flow.FlowResult;
import java.util.LinkedHashMap;
import java.util.Map;
import org.asteriskjava.fastagi.AgiChannel;
import org.asteriskjava.fastagi.AgiRequest;
import org.asteriskjava.fastagi.AgiScript;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The FastAGI script for one flow of ivr.yaml. One instance serves every call to its script name, concurrently;
 * it keeps no per-call fields. {@link #service} never throws: a hangup is a normal result, logged at debug, and
 * returning closes the socket at once so that Asterisk can let the channel go.
 */
final class FlowScript implements AgiScript {
    private static final Logger log = LoggerFactory.getLogger(FlowScript.class);

    private final String flow;
    private final FlowInterpreter interpreter;
    private final AgiMetrics metrics;

    FlowScript(String flow, FlowInterpreter interpreter, AgiMetrics metrics) {
        this.flow = flow;
        this.interpreter = interpreter;
        this.metrics = metrics;
    }

    @Override
    public void service(AgiRequest request, AgiChannel channel) {
        long start = System.nanoTime();
        metrics.sessionStarted();
        FlowResult result = new FlowResult.Failed("script", null);
        try {
            AgiIvrChannel ivr = new AgiIvrChannel(channel, metrics);
            result = interpreter.run(flow, callRef(request, ivr), ivr);
        } catch (CallerHangupException e) {
            log.debug("caller hung up before flow {} started on {}", flow, request.getChannel());
            result = new FlowResult.HungUp();
        } catch (ChannelException e) {
            log.warn("AGI {} failure before flow {} started on {}", e.failure(), flow, request.getChannel());
            result = new FlowResult.Failed(e.kind(), e);
        } catch (RuntimeException e) {
            log.error("flow {} failed on {}", flow, request.getChannel(), e);
        } finally {
            metrics.sessionEnded(flow, result, System.nanoTime() - start);
        }
    }

    /** The AGI request plus the Linkedid, which the request lacks (one GET VARIABLE). */
    private CallRef callRef(AgiRequest request, AgiIvrChannel channel) {
        String linkedid = channel.getVariable("CHANNEL(linkedid)");
        Map<String, String> params = new LinkedHashMap<>();
        Map<String, String[]> raw = request.getParameterMap();
        if (raw != null) {
            raw.forEach((k, v) -> {
                if (v != null && v.length > 0) {
                    params.put(k, v[0]);
                }
            });
        }
        return new CallRef(
                request.getScript(),
                request.getChannel(),
                request.getUniqueId(),
                linkedid != null ? linkedid : request.getUniqueId(),
                request.getCallerIdNumber(),
                request.getLanguage(),
                params);
    }

    @Override
    public String toString() {
        return "FlowScript[" + flow + "]";
    }
}

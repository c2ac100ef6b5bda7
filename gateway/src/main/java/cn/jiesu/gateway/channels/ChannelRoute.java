package cn.jiesu.gateway.channels;

import cn.jiesu.channels.ChannelResult;
import cn.jiesu.channels.InboundRequest;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import java.util.List;
import java.util.function.Function;

/**
 * One push channel on one path: Weibo ({@code GET/POST /channels/weibo}), WeChat ({@code GET/POST
 * /channels/wechat}) and the app API ({@code POST /api/v1/appeals}). The adapter does everything channel-specific;
 * a null adapter means the channel is not configured, and its path answers 404.
 */
final class ChannelRoute {
    private final ChannelPipeline pipeline;
    private final String channel;
    private final String path;
    private final Function<InboundRequest, ChannelResult> adapter;
    private final List<HttpMethod> methods;

    ChannelRoute(ChannelPipeline pipeline, String channel, String path,
                 Function<InboundRequest, ChannelResult> adapter, List<HttpMethod> methods) {
        this.pipeline = pipeline;
        this.channel = channel;
        this.path = path;
        this.adapter = adapter;
        this.methods = List.copyOf(methods);
    }

    void mount(Router router) {
        var route = router.route(path);
        methods.forEach(route::method);
        route.handler(ctx -> {
            if (adapter == null) {
                ChannelPipeline.send(ctx, ErrorShape.JSON.notConfigured(channel));
            } else {
                pipeline.handle(ctx, channel, adapter, ErrorShape.JSON);
            }
        });
        router.route(path).failureHandler(EdgeFailures.handler(ErrorShape.JSON));
    }
}

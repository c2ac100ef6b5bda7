package cn.jiesu.gateway.channels;

import cn.jiesu.channels.ChannelResult;
import cn.jiesu.channels.InboundRequest;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * One push channel on its paths: Weibo ({@code GET/POST /channels/weibo}, also {@code /weibo/push}), WeChat
 * ({@code GET/POST /channels/wechat}, also {@code /wechat/push}) and the app API ({@code POST /api/v1/appeals}).
 * The adapter does everything channel-specific; a null adapter means the channel is not configured, and its paths
 * answer 404.
 */
final class ChannelRoute {
    private final ChannelPipeline pipeline;
    private final String channel;
    private final List<String> paths;
    private final Function<InboundRequest, ChannelResult> adapter;
    private final List<HttpMethod> methods;

    ChannelRoute(
            ChannelPipeline pipeline,
            String channel,
            List<String> paths,
            Function<InboundRequest, ChannelResult> adapter,
            List<HttpMethod> methods) {
        this.pipeline = pipeline;
        this.channel = channel;
        this.paths = List.copyOf(paths);
        this.adapter = adapter;
        this.methods = List.copyOf(methods);
    }

    void mount(Router router) {
        pipeline.serving(channel);
        paths.forEach(path -> mount(router, path));
    }

    private void mount(Router router, String path) {
        var route = router.route(path);
        methods.forEach(route::method);
        if (methods.contains(HttpMethod.GET)) {
            route.method(HttpMethod.HEAD); // RFC 9110: where GET is, HEAD is (Vert.x sends no body for it)
        }
        route.handler(ctx -> {
            if (adapter == null) {
                ChannelPipeline.send(ctx, ErrorShape.JSON.notConfigured(channel));
            } else {
                pipeline.handle(ctx, channel, adapter, ErrorShape.JSON);
            }
        });
        // Any other method: 405 in the channel's own error shape, with the Allow header RFC 9110 requires.
        router.route(path)
                .handler(ctx -> ChannelPipeline.send(
                        ctx,
                        ErrorShape.JSON
                                .error(
                                        405,
                                        "method_not_allowed",
                                        null,
                                        "method: " + ctx.request().method() + " is not allowed here")
                                .reply()
                                .withHeader("Allow", allow())));
        router.route(path).failureHandler(EdgeFailures.handler(ErrorShape.JSON));
    }

    private String allow() {
        List<String> names =
                new ArrayList<>(methods.stream().map(HttpMethod::name).toList());
        if (names.contains("GET")) {
            names.add(names.indexOf("GET") + 1, "HEAD");
        }
        return String.join(", ", names);
    }
}

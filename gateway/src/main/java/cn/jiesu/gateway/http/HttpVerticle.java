package cn.jiesu.gateway.http;

import cn.jiesu.gateway.config.HttpConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.ext.web.Route;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.ext.web.handler.TimeoutHandler;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The HTTP edge: one router with health, metrics and every mounted route group. */
public final class HttpVerticle extends VerticleBase {
    private static final Logger LOG = LoggerFactory.getLogger(HttpVerticle.class);
    private static final Set<HttpMethod> FORM_METHODS =
            Set.of(HttpMethod.POST, HttpMethod.PUT, HttpMethod.PATCH, HttpMethod.DELETE);

    private final HttpConfig config;
    private final MetricsRoute metrics;
    private final OpenApiRoute openApi = new OpenApiRoute();
    private final List<RouteMount> mounts;
    private final EdgeConnections connections;
    private HttpServer server;
    private Router router;

    /** An edge whose {@code /metrics} is open (harnesses; the gateway passes its scrape tokens). */
    public HttpVerticle(HttpConfig config, PrometheusMeterRegistry registry, List<RouteMount> mounts) {
        this(config, registry, new BearerTokens(List.of()), mounts);
    }

    /** @param metricsTokens accepted by {@code /metrics}; none: it is open */
    public HttpVerticle(
            HttpConfig config, PrometheusMeterRegistry registry, BearerTokens metricsTokens, List<RouteMount> mounts) {
        this.config = config;
        this.metrics = new MetricsRoute(registry, metricsTokens);
        this.mounts = List.copyOf(mounts);
        this.connections = new EdgeConnections(config, registry, Clock.systemUTC());
    }

    @Override
    public Future<?> start() {
        router = Router.router(vertx);
        // No merge of form attributes into params(): it decodes the query string inside the body's end handler,
        // where a malformed one (%zz) throws past Vert.x and the request hangs until the timeout's 503. The adapters
        // read the raw body and the query themselves (a bad query is their 400).
        router.route().handler(HttpVerticle::formTypeOnlyWithFormMethods);
        router.route()
                .handler(BodyHandler.create(false)
                        .setBodyLimit(config.bodyLimitBytes())
                        .setMergeFormAttributes(false));
        // After the body: a slow body is the client's (408 from the connection guard at http.body-timeout), the time
        // to answer once it is in is ours (503, channels retry).
        // The admin routes and the console sign-in are exempt: they bound themselves (SelfBoundedPaths).
        Handler<RoutingContext> timeout =
                TimeoutHandler.create(config.requestTimeout().toMillis(), 503);
        router.route().handler(ctx -> {
            if (SelfBoundedPaths.exempt(ctx.normalizedPath())) {
                ctx.next();
            } else {
                timeout.handle(ctx);
            }
        });
        metrics.mount(router);
        openApi.mount(router);
        mounts.forEach(m -> m.mount(router));
        RouteMethods.headWhereGet(router);
        ErrorResponses.install(router);
        // BodyHandler has the server decode every form body besides keeping the bytes, and the decoder refuses a
        // field over maxFormAttributeSize (8192 by default) with 400 before any adapter runs: a 4000-character
        // Chinese description is 36000 bytes percent-encoded. The adapters parse the raw body themselves and apply
        // their own field limits, so the server's is the body limit, which a field can never exceed anyway.
        // No cleartext HTTP/2: its sniffing of the first bytes delays the connection guard, and the hotline's
        // clients and proxies speak HTTP/1.1.
        HttpServerOptions options = new HttpServerOptions()
                .setCompressionSupported(true)
                .setMaxFormAttributeSize(config.bodyLimitBytes())
                .setHttp2ClearTextEnabled(false)
                .setIdleTimeout((int) config.idleTimeout().toMillis())
                .setIdleTimeoutUnit(TimeUnit.MILLISECONDS);
        return vertx.createHttpServer(options)
                .connectionHandler(connections::attach)
                .requestHandler(new RawPathFilter(router))
                .listen(config.port(), config.host())
                .onSuccess(s -> {
                    server = s;
                    LOG.info("HTTP listening on {}:{}", config.host(), s.actualPort());
                });
    }

    /** Every route mounted, for the test that walks them all without credentials. */
    public List<Route> routes() {
        return router.getRoutes();
    }

    /**
     * Vert.x decodes a form or multipart body only for POST, PUT, PATCH and DELETE and throws (a 500 with a stack
     * trace) when BodyHandler asks it to for any other method. A body on GET, HEAD or OPTIONS has no meaning
     * (RFC 9110 9.3.1), and some clients send a form content type on every request: the type is dropped so the body
     * is read as bytes and ignored, and the request is answered as if it had none.
     */
    private static void formTypeOnlyWithFormMethods(RoutingContext ctx) {
        HttpMethod method = ctx.request().method();
        if (!FORM_METHODS.contains(method)) {
            String type = ctx.request().getHeader(HttpHeaders.CONTENT_TYPE);
            if (type != null && isFormType(type)) {
                ctx.request().headers().remove(HttpHeaders.CONTENT_TYPE);
            }
        }
        ctx.next();
    }

    private static boolean isFormType(String contentType) {
        String t = contentType.strip().toLowerCase(Locale.ROOT);
        return t.startsWith("multipart/") || t.startsWith("application/x-www-form-urlencoded");
    }

    /**
     * Every mounted route as its path or pattern (e.g. {@code /api/v1/intakes/:id}), for the fuzz suite to reach
     * every one without keeping a list of its own that would go stale.
     */
    public List<String> routePaths() {
        return router.getRoutes().stream()
                .map(r -> r.getPath() != null ? r.getPath() : r.getName())
                .filter(p -> p != null && p.startsWith("/"))
                .distinct()
                .toList();
    }

    /** The bound port (useful when configured as 0). */
    public int actualPort() {
        return server.actualPort();
    }
}

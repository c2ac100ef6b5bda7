package cn.jiesu.bench.channels;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.BodyHandler;

/**
 * The baseline: a bare Vert.x route on one event loop (like the gateway's HTTP verticle) that reads the body with
 * the same BodyHandler and answers 202 without looking at it.
 */
final class BareServer extends VerticleBase {
    private HttpServer server;

    static BareServer start(Vertx vertx) {
        BareServer bare = new BareServer();
        vertx.deployVerticle(bare).await();
        return bare;
    }

    @Override
    public Future<?> start() {
        Router router = Router.router(vertx);
        router.route().handler(BodyHandler.create(false).setBodyLimit(65536));
        router.post("/bare").handler(ctx -> ctx.response().setStatusCode(202).end());
        return vertx.createHttpServer().requestHandler(router).listen(0, "127.0.0.1").onSuccess(s -> server = s);
    }

    int port() {
        return server.actualPort();
    }
}

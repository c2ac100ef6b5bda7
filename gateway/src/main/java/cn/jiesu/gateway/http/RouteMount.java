package cn.jiesu.gateway.http;

import io.vertx.ext.web.Router;

/** A group of routes that attaches itself to the gateway's router. */
@FunctionalInterface
public interface RouteMount {
    void mount(Router router);
}

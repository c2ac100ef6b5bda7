package cn.jiesu.gateway.http;

import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.Router;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * {@code GET /openapi.json}: the OpenAPI 3.1 description of every route, the checked-in file
 * {@code gateway/src/main/resources/openapi.json} as it is (OpenApiContractIT holds it to the live router). Public: it
 * says nothing the routes themselves do not tell a client, and integrators read it before they have credentials.
 */
public final class OpenApiRoute {
    static final String PATH = "/openapi.json";
    private static final String RESOURCE = "/openapi.json";

    private final Buffer document;

    public OpenApiRoute() {
        this.document = Buffer.buffer(read());
    }

    public void mount(Router router) {
        router.get(PATH)
                .handler(ctx -> ctx.response()
                        .putHeader("content-type", "application/json; charset=utf-8")
                        .putHeader("Cache-Control", "no-cache")
                        .end(document));
    }

    private static byte[] read() {
        try (InputStream in = OpenApiRoute.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the gateway's jar");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE, e);
        }
    }
}

package cn.jiesu.gateway.channels;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** With admin.api-token set, the case-handling APIs want it (or the admin token); the channels do not. */
class ApiTokenIT {
    private static final String API_TOKEN = "api-token-for-tests-0001";
    private static final String PATH = "/api/v1/appeals";

    @RegisterExtension
    static final ChannelGateway gw = ChannelGateway.perClass(Map.of("JIESU_ADMIN_API_TOKEN", API_TOKEN));

    private HttpResponse<Buffer> get(String path, String token) {
        var req = gw.http.get(gw.port(), "127.0.0.1", path);
        if (token != null) {
            req.putHeader("Authorization", "Bearer " + token);
        }
        return req.send().await();
    }

    @Test
    @DisplayName("appeals, callbacks and rates need the token; the app API and Open311 answer as before")
    void guarded() {
        byte[] body = Signers.utf8(new JsonObject().put("description", "小区路灯不亮").encode());
        HttpResponse<Buffer> created = Signers.signApp(gw.http.post(gw.port(), "127.0.0.1", PATH), PATH, body)
                .sendBuffer(Buffer.buffer(body))
                .await();
        assertThat(created.statusCode()).isEqualTo(201);
        String id = created.bodyAsJsonObject().getString("intakeId");

        for (String path : new String[] {
            "/api/v1/intakes/" + id, "/api/v1/intakes?phone=13800138000", "/api/v1/callbacks?intakeId=" + id
        }) {
            HttpResponse<Buffer> none = get(path, null);
            assertThat(none.statusCode()).as(path).isEqualTo(401);
            assertThat(none.getHeader("WWW-Authenticate")).isEqualTo("Bearer");
            assertThat(none.bodyAsJsonObject().getString("field")).isEqualTo("Authorization");
            assertThat(get(path, "wrong-token-wrong-token").statusCode())
                    .as(path)
                    .isEqualTo(401);
            assertThat(get(path, API_TOKEN).statusCode()).as(path).isEqualTo(200);
        }
        assertThat(get("/api/v1/intakes/" + id, ChannelGateway.ADMIN_TOKEN).statusCode())
                .isEqualTo(200);
        assertThat(get("/api/v1/intakes/" + id, API_TOKEN).bodyAsJsonObject().getString("intakeId"))
                .isEqualTo(id);
        assertThat(get("/open311/v2/services.json", null).statusCode()).isEqualTo(200);
    }
}

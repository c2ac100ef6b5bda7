package cn.jiesu.gateway.channels;

import static org.assertj.core.api.Assertions.assertThat;

import cn.jiesu.channels.FormData;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Who may read Open311 requests, and what they see: {@code channels.open311.public-reads} true (the shipped
 * default, as GeoReport v2 intends) answers anyone, false only a configured client's api_key; either way contact
 * data typed into a description is masked and a confidential (保密) request shows no text.
 */
class Open311ReadsIT {
    private static final String BASE = "/open311/v2";
    private static final String PHONE = "13912345678";
    private static final String ID_CARD = "11010519491231002X";
    private static final String TEXT = "楼道灯坏了，联系人王先生" + PHONE + "，身份证" + ID_CARD;

    private static String create(ChannelGateway gw, String extra) {
        HttpResponse<Buffer> r = gw.http
                .post(gw.port(), "127.0.0.1", BASE + "/requests.json")
                .putHeader("content-type", "application/x-www-form-urlencoded; charset=utf-8")
                .sendBuffer(Buffer.buffer(Signers.utf8("api_key=" + ChannelGateway.OPEN311_KEY
                        + "&service_code=0301&address_string=%E6%9C%9B%E4%BA%AC&phone=13800138000&description="
                        + FormData.encode(TEXT) + extra)))
                .await();
        assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(200);
        return new JsonArray(r.bodyAsString()).getJsonObject(0).getString("service_request_id");
    }

    private static HttpResponse<Buffer> get(ChannelGateway gw, String pathAndQuery) {
        return gw.http.get(gw.port(), "127.0.0.1", BASE + pathAndQuery).send().await();
    }

    private static void assertNoContactData(String body) {
        assertThat(body).doesNotContain(PHONE).doesNotContain("13800138000").doesNotContain("1101051949");
    }

    @Test
    @DisplayName("public reads (default): anyone reads, numbers in the text masked, a confidential request no text")
    void publicReads() {
        try (ChannelGateway gw = ChannelGateway.start()) {
            String open = create(gw, "");
            String secret = create(gw, "&attribute%5BANON%5D=true");

            HttpResponse<Buffer> one = get(gw, "/requests/" + open + ".json");
            assertThat(one.statusCode()).isEqualTo(200);
            JsonObject shown = new JsonArray(one.bodyAsString()).getJsonObject(0);
            assertThat(shown.getString("description")).isEqualTo("楼道灯坏了，联系人王先生*******5678，身份证**************002X");
            assertNoContactData(one.bodyAsString());

            JsonObject hidden =
                    new JsonArray(get(gw, "/requests/" + secret + ".json").bodyAsString()).getJsonObject(0);
            assertThat(hidden.getValue("description")).isNull();
            assertThat(hidden.getValue("address")).isNull();

            HttpResponse<Buffer> list = get(gw, "/requests.json?service_request_id=" + open + "," + secret);
            assertThat(new JsonArray(list.bodyAsString())).hasSize(2);
            assertNoContactData(list.bodyAsString());
            HttpResponse<Buffer> xml = get(gw, "/requests/" + open + ".xml");
            assertThat(xml.statusCode()).isEqualTo(200);
            assertThat(xml.bodyAsString()).contains("*******5678");
            assertNoContactData(xml.bodyAsString());
        }
    }

    @Test
    @DisplayName("public-reads false: requests need a client's api_key (403 in the spec's shape); services stay open")
    void keyedReads() {
        try (ChannelGateway gw = ChannelGateway.start(Map.of("JIESU_CHANNELS_OPEN311_PUBLIC_READS", "false"))) {
            String no = create(gw, "");
            for (String path : new String[] {
                "/requests/" + no + ".json",
                "/requests.json",
                "/requests.json?service_request_id=" + no,
                "/requests/" + no + ".json?api_key=k-wrong-key-0001",
                "/requests/" + no + ".json?api_key=",
                "/requests/999999999999.json"
            }) {
                HttpResponse<Buffer> refused = get(gw, path);
                assertThat(refused.statusCode()).as(path).isEqualTo(403);
                JsonObject error = new JsonArray(refused.bodyAsString()).getJsonObject(0);
                assertThat(error.getInteger("code")).isEqualTo(403);
                assertThat(error.getString("description")).contains("api_key");
                assertThat(refused.bodyAsString()).doesNotContain("楼道");
            }
            HttpResponse<Buffer> xml = get(gw, "/requests/" + no + ".xml");
            assertThat(xml.statusCode()).isEqualTo(403);
            assertThat(xml.bodyAsString()).contains("<code>403</code>").doesNotContain("楼道");
            assertThat(gw.http
                            .request(HttpMethod.HEAD, gw.port(), "127.0.0.1", BASE + "/requests/" + no + ".json")
                            .send()
                            .await()
                            .statusCode())
                    .isEqualTo(403);

            String key = "?api_key=" + ChannelGateway.OPEN311_KEY;
            HttpResponse<Buffer> one = get(gw, "/requests/" + no + ".json" + key);
            assertThat(one.statusCode()).isEqualTo(200);
            assertThat(new JsonArray(one.bodyAsString()).getJsonObject(0).getString("service_request_id"))
                    .isEqualTo(no);
            assertNoContactData(one.bodyAsString());
            assertThat(get(gw, "/requests.json" + key + "&service_request_id=" + no)
                            .statusCode())
                    .isEqualTo(200);
            assertThat(get(gw, "/discovery.json").statusCode()).isEqualTo(200);
            assertThat(get(gw, "/services.json").statusCode()).isEqualTo(200);
            assertThat(get(gw, "/services/0301.json").statusCode()).isEqualTo(200);
        }
    }
}

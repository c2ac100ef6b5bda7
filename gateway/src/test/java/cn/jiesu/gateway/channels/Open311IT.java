package cn.jiesu.gateway.channels;

import static org.assertj.core.api.Assertions.assertThat;

import cn.jiesu.channels.FormData;
import cn.jiesu.channels.RequestSignature;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Open311 GeoReport v2 through HTTP, in the spec's exact JSON shapes, errors included. */
class Open311IT {
    private static final String BASE = "/open311/v2";
    private static final List<String> REQUEST_KEYS = List.of(
            "service_request_id",
            "status",
            "status_notes",
            "service_name",
            "service_code",
            "description",
            "agency_responsible",
            "service_notice",
            "requested_datetime",
            "updated_datetime",
            "expected_datetime",
            "address",
            "address_id",
            "zipcode",
            "lat",
            "long",
            "media_url");

    @RegisterExtension
    static final ChannelGateway gw = ChannelGateway.perClass(Map.of());

    @Test
    @DisplayName("HEAD reads any resource without a body; a method a resource does not take is 405 with Allow")
    void methods() {
        HttpResponse<Buffer> head = gw.http
                .request(HttpMethod.HEAD, gw.port(), "127.0.0.1", "/open311/v2/services.json")
                .send()
                .await();
        assertThat(head.statusCode()).isEqualTo(200);
        assertThat(head.body() == null || head.body().length() == 0).isTrue();
        HttpResponse<Buffer> delete = gw.http
                .request(HttpMethod.DELETE, gw.port(), "127.0.0.1", "/open311/v2/services.json")
                .send()
                .await();
        assertThat(delete.statusCode()).isEqualTo(405);
        assertThat(delete.getHeader("Allow")).isEqualTo("GET, HEAD");
        assertThat(delete.bodyAsJsonArray().getJsonObject(0).getInteger("code")).isEqualTo(405);
        HttpResponse<Buffer> put = gw.http
                .request(HttpMethod.PUT, gw.port(), "127.0.0.1", "/open311/v2/requests.xml")
                .send()
                .await();
        assertThat(put.statusCode()).isEqualTo(405);
        assertThat(put.getHeader("Allow")).isEqualTo("GET, HEAD, POST");
    }

    private HttpResponse<Buffer> get(String path) {
        return gw.http.get(gw.port(), "127.0.0.1", BASE + path).send().await();
    }

    private HttpResponse<Buffer> postForm(byte[] body) {
        return gw.http
                .post(gw.port(), "127.0.0.1", BASE + "/requests.json")
                .putHeader("content-type", "application/x-www-form-urlencoded; charset=utf-8")
                .sendBuffer(Buffer.buffer(body))
                .await();
    }

    private static List<String> keys(JsonObject o) {
        List<String> out = new ArrayList<>();
        Iterator<String> it = o.fieldNames().iterator();
        it.forEachRemaining(out::add);
        return out;
    }

    private static void assertError(HttpResponse<Buffer> r, int status, String descriptionStart) {
        assertThat(r.statusCode()).isEqualTo(status);
        JsonArray errors = new JsonArray(r.bodyAsString());
        assertThat(errors).hasSize(1);
        assertThat(keys(errors.getJsonObject(0))).containsExactly("code", "description");
        assertThat(errors.getJsonObject(0).getInteger("code")).isEqualTo(status);
        assertThat(errors.getJsonObject(0).getString("description")).startsWith(descriptionStart);
    }

    @Test
    @DisplayName("discovery, services and a service definition are in the spec's shapes, codes as strings")
    void discoveryAndServices() {
        JsonObject discovery = get("/discovery.json").bodyAsJsonObject();
        assertThat(keys(discovery)).containsExactly("changeset", "contact", "key_service", "endpoints");
        assertThat(discovery.getJsonArray("endpoints").getJsonObject(0).getString("specification"))
                .isEqualTo("http://wiki.open311.org/GeoReport_v2");

        HttpResponse<Buffer> services = get("/services.json");
        assertThat(services.getHeader("content-type")).startsWith("application/json");
        JsonArray list = new JsonArray(services.bodyAsString());
        assertThat(list.size()).isGreaterThan(5);
        assertThat(keys(list.getJsonObject(0)))
                .containsExactly(
                        "service_code", "service_name", "description", "metadata", "type", "keywords", "group");
        assertThat(list.getJsonObject(0).getValue("service_code")).isInstanceOf(String.class);
        // keywords: a string as GeoReport v2 has it, or left out for a service without any; never null
        assertThat(list.stream().map(JsonObject.class::cast))
                .allMatch(s -> !s.containsKey("keywords") || s.getValue("keywords") instanceof String);
        assertThat(services.bodyAsString()).doesNotContain("\"keywords\":null");
        assertThat(services.bodyAsString()).contains("\"service_code\":\"0101\"");

        JsonObject definition = get("/services/0301.json").bodyAsJsonObject();
        assertThat(definition.getString("service_code")).isEqualTo("0301");
        JsonObject reqtype = definition.getJsonArray("attributes").getJsonObject(0);
        assertThat(keys(reqtype))
                .containsExactly(
                        "variable",
                        "code",
                        "datatype",
                        "required",
                        "datatype_description",
                        "order",
                        "description",
                        "values");
        assertError(get("/services/9999.json"), 404, "service_code 9999");
    }

    @Test
    @DisplayName("the spec's form POST creates a request; GET by id and the list return it in the spec's shape")
    void createListGet() {
        HttpResponse<Buffer> created = postForm(ChannelGateway.fixture("open311-create.form"));
        assertThat(created.statusCode()).isEqualTo(200);
        JsonArray body = new JsonArray(created.bodyAsString());
        JsonObject first = body.getJsonObject(0);
        assertThat(keys(first)).containsExactly("service_request_id", "service_notice", "account_id");
        String id = first.getString("service_request_id");
        assertThat(id).matches("[0-9]{12}");
        assertThat(first.getString("service_notice")).isEqualTo("您的诉求已受理，将于7日内答复。");
        assertThat(first.getValue("account_id")).isNull();

        JsonArray one = new JsonArray(get("/requests/" + id + ".json").bodyAsString());
        JsonObject request = one.getJsonObject(0);
        assertThat(keys(request)).containsExactlyElementsOf(REQUEST_KEYS);
        assertThat(request.getString("status")).isEqualTo("open");
        assertThat(request.getString("service_code")).isEqualTo("0301");
        assertThat(request.getString("service_name")).isEqualTo("楼道照明");
        // exactly what was posted: the FLOOR attribute is kept for agents, but not in the description
        assertThat(request.getString("description")).isEqualTo("楼道照明灯已损坏一周，夜间老人上下楼不安全。");
        assertThat(request.getString("address")).isEqualTo("北京市朝阳区望京街道阜通东大街6号院3号楼");
        assertThat(request.getDouble("lat")).isEqualTo(39.996542);
        assertThat(request.getDouble("long")).isEqualTo(116.480623);
        assertThat(request.getString("media_url")).isEqualTo("https://upload.example.gov.cn/m/2024/05/30/abc123.jpg");
        assertThat(request.getString("requested_datetime")).matches(".*T.*\\+08:00");
        assertThat(request.getString("expected_datetime")).matches(".*T.*\\+08:00");

        JsonArray listed = new JsonArray(get("/requests.json").bodyAsString());
        assertThat(listed.stream().map(o -> ((JsonObject) o).getString("service_request_id")))
                .contains(id);
        JsonArray byIds = new JsonArray(
                get("/requests.json?service_request_id=" + id + ",000000000000").bodyAsString());
        assertThat(byIds).hasSize(1);
        assertThat(new JsonArray(get("/requests.json?service_code=0101").bodyAsString()))
                .isEmpty();
        assertThat(new JsonArray(get("/requests.json?status=closed").bodyAsString()))
                .isEmpty();
        // service_request_id overrides all other arguments, a bad date included
        assertThat(ids(get("/requests.json?service_request_id=" + id + "&start_date=yesterday&status=pending")))
                .containsExactly(id);
    }

    private HttpResponse<Buffer> get311(String path, String query) {
        return get(path + (query.isEmpty() ? "" : "?" + query));
    }

    private static List<String> ids(HttpResponse<Buffer> r) {
        assertThat(r.statusCode()).isEqualTo(200);
        return new JsonArray(r.bodyAsString())
                .stream()
                        .map(o -> ((JsonObject) o).getString("service_request_id"))
                        .toList();
    }

    private String create(String serviceCode, String description) {
        return create(gw, serviceCode, description);
    }

    private static String create(ChannelGateway on, String serviceCode, String description) {
        HttpResponse<Buffer> r = on.http
                .post(on.port(), "127.0.0.1", BASE + "/requests.json")
                .putHeader("content-type", "application/x-www-form-urlencoded; charset=utf-8")
                .sendBuffer(Buffer.buffer(
                        Signers.utf8("api_key=" + ChannelGateway.OPEN311_KEY + "&service_code=" + serviceCode
                                + "&address_string=%E6%9C%9B%E4%BA%AC&description=" + FormData.encode(description))))
                .await();
        assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(200);
        return new JsonArray(r.bodyAsString()).getJsonObject(0).getString("service_request_id");
    }

    @Test
    @DisplayName("service_code and status filters are comma-delimited and repeatable")
    void listFilters() {
        String lamp = create("0302", "路灯不亮");
        String manhole = create("0303", "井盖缺失");
        assertThat(ids(get("/requests.json?service_code=0302,0303"))).contains(lamp, manhole);
        assertThat(ids(get("/requests.json?service_code=0302&service_code=0303")))
                .contains(lamp, manhole);
        assertThat(ids(get("/requests.json?service_code=0302"))).contains(lamp).doesNotContain(manhole);
        assertThat(ids(get("/requests.json?status=open,closed"))).contains(lamp, manhole);
        assertThat(ids(get("/requests.json?status=open&status=closed&service_code=0303")))
                .contains(manhole)
                .doesNotContain(lamp);
        assertError(get("/requests.json?status=open&status=pending"), 400, "status");
    }

    @Test
    @DisplayName("filters apply before the row limit: a match older than the newest max-results requests is found")
    void filterBeforeLimit() {
        try (ChannelGateway small = ChannelGateway.start(Map.of("JIESU_CHANNELS_OPEN311_MAX_RESULTS", "2"))) {
            String manhole = create(small, "0303", "井盖缺失");
            String lamp1 = create(small, "0302", "路灯不亮");
            String lamp2 = create(small, "0302", "路灯又不亮");
            Function<String, List<String>> list = query -> ids(small.http
                    .get(small.port(), "127.0.0.1", BASE + "/requests.json" + query)
                    .send()
                    .await());
            assertThat(list.apply("")).containsExactlyInAnyOrder(lamp1, lamp2);
            assertThat(list.apply("?service_code=0303")).containsExactly(manhole);
            assertThat(list.apply("?service_code=0303,0302")).hasSize(2);
        }
    }

    @Test
    @DisplayName("a 4000-character Chinese description (36000 bytes encoded) is accepted and returned as posted; "
            + "4001 is 400 naming description")
    void longChineseDescription() {
        String description = "楼道灯坏了很久".repeat(571) + "灯灯灯"; // 4000 characters
        assertThat(description).hasSize(4000);
        HttpResponse<Buffer> created = postForm(Signers.utf8("api_key=" + ChannelGateway.OPEN311_KEY
                + "&service_code=0301&lat=39.996542&long=116.480623&attribute%5BFLOOR%5D=3&description="
                + FormData.encode(description)));
        assertThat(created.statusCode()).as(created.bodyAsString()).isEqualTo(200);
        String id = new JsonArray(created.bodyAsString()).getJsonObject(0).getString("service_request_id");
        JsonObject request = new JsonArray(get("/requests/" + id + ".json").bodyAsString()).getJsonObject(0);
        assertThat(request.getString("description")).isEqualTo(description);
        assertThat(request.getString("service_name")).isEqualTo("楼道照明");

        assertError(
                postForm(Signers.utf8("api_key=" + ChannelGateway.OPEN311_KEY
                        + "&service_code=0301&lat=39.996542&long=116.480623&description="
                        + FormData.encode(description + "灯"))),
                400,
                "description");
    }

    @Test
    @DisplayName("the web form, also form-encoded, still takes a field longer than 8192 bytes")
    void longWebFormField() {
        HttpResponse<Buffer> page =
                gw.http.get(gw.port(), "127.0.0.1", "/appeal").send().await();
        Matcher m = Pattern.compile("name=\"csrf_token\" value=\"([^\"]+)\"").matcher(page.bodyAsString());
        assertThat(m.find()).isTrue();
        String cookie = page.cookies().get(0).split(";")[0];
        String description = "楼道灯坏了很久".repeat(400); // 2800 characters, 25200 bytes encoded
        HttpResponse<Buffer> r = gw.http
                .post(gw.port(), "127.0.0.1", "/appeal")
                .putHeader("content-type", "application/x-www-form-urlencoded")
                .putHeader("cookie", cookie)
                .sendBuffer(Buffer.buffer("csrf_token=" + FormData.encode(m.group(1)) + "&category=0301&description="
                        + FormData.encode(description) + "&address=" + FormData.encode("望京西园三区")))
                .await();
        assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(303);
    }

    @Test
    @DisplayName("a jurisdiction_id other than ours is 404 on every resource; ours or an empty one is fine")
    void jurisdiction() {
        for (String path : List.of(
                "/discovery.json",
                "/services.json",
                "/services/0301.json",
                "/requests.json",
                "/requests/000000000000.json")) {
            assertError(get311(path, "jurisdiction_id=sh12345.gov.cn"), 404, "jurisdiction_id sh12345.gov.cn");
            assertThat(get311(path, "jurisdiction_id=bj12345.gov.cn").statusCode())
                    .isIn(200, 404)
                    .isEqualTo(get311(path, "").statusCode());
            assertThat(get311(path, "jurisdiction_id=").statusCode())
                    .isEqualTo(get311(path, "").statusCode());
        }
        assertError(
                postForm(Signers.utf8("api_key=" + ChannelGateway.OPEN311_KEY
                        + "&jurisdiction_id=sh12345.gov.cn&service_code=0301&address_string=x")),
                404,
                "jurisdiction_id");
        assertError(
                postForm(Signers.utf8("api_key=" + ChannelGateway.OPEN311_KEY
                        + "&jurisdiction_id=bj12345.gov.cn&service_code=9999&address_string=x")),
                404,
                "service_code 9999 not found");
    }

    @Test
    @DisplayName("services/{code} of a service without metadata is its definition with no attributes")
    void definitionWithoutMetadata() {
        HttpResponse<Buffer> r = get("/services/0101.json");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.bodyAsString()).isEqualTo("{\"service_code\":\"0101\",\"attributes\":[]}");
    }

    @Test
    @DisplayName("ids and codes that are not ASCII (an emoji: a surrogate pair) are 404, not 500")
    void nonAsciiIds() {
        for (String segment : List.of("%F0%9F%98%80", "%F0%9F%98%80".repeat(70), "a%F0%9F%98%80b", "%E4%B8%AD")) {
            assertError(get("/services/" + segment + ".json"), 404, "service_code");
            assertError(get("/requests/" + segment + ".json"), 404, "service_request_id");
        }
    }

    @Test
    @DisplayName("attributes the service does not define are ignored; known ones are still checked")
    void unknownAttributes() {
        String base = "api_key=" + ChannelGateway.OPEN311_KEY + "&service_code=0301&address_string=x&description=d";
        assertThat(postForm(Signers.utf8(base + "&attribute%5BWHISPAWN%5D=x")).statusCode())
                .isEqualTo(200);
        assertError(
                postForm(Signers.utf8(base + "&attribute%5BWHISPAWN%5D=x&attribute%5BFLOOR%5D=three")),
                400,
                "attribute[FLOOR]");
        assertError(postForm(Signers.utf8(base + "&attribute%5B%5B%5D=x")), 400, "attribute[[]");
    }

    @Test
    @DisplayName("errors are the spec's array: 403 bad api_key, 400 naming the field, 404 unknown, 413, 405")
    void errors() {
        assertError(
                postForm(Signers.utf8("api_key=nope-nope-nope&service_code=0301&address_string=x")),
                403,
                "Invalid api_key received");
        assertError(
                postForm(Signers.utf8("api_key=" + ChannelGateway.OPEN311_KEY + "&address_string=x")),
                400,
                "service_code");
        assertError(postForm(Signers.utf8("api_key=" + ChannelGateway.OPEN311_KEY + "&service_code=0301")), 400, "lat");
        assertError(
                postForm(Signers.utf8(
                        "api_key=" + ChannelGateway.OPEN311_KEY + "&service_code=0301&lat=91&long=116&description=x")),
                400,
                "lat");
        assertError(get("/requests/000000000000.json"), 404, "service_request_id");
        assertError(get("/requests.json?start_date=yesterday"), 400, "start_date");
        assertError(get("/no-such-thing.json"), 404, "resource");
        assertError(
                gw.http
                        .delete(gw.port(), "127.0.0.1", BASE + "/services.json")
                        .send()
                        .await(),
                405,
                "DELETE");
        assertError(postForm(new byte[80_000]), 413, "body");
        HttpResponse<Buffer> xml = gw.http
                .post(gw.port(), "127.0.0.1", BASE + "/requests.json")
                .putHeader("content-type", "text/xml")
                .sendBuffer(Buffer.buffer("<x/>"))
                .await();
        assertError(xml, 415, "content-type");
    }

    @Test
    @DisplayName("appeals of other channels are not visible through Open311, even by number")
    void otherChannelsHidden() {
        String path = "/api/v1/appeals";
        byte[] body =
                Signers.utf8(new JsonObject().put("description", "私密诉求，不应公开").encode());
        String no = Signers.signApp(gw.http.post(gw.port(), "127.0.0.1", path), path, body)
                .sendBuffer(Buffer.buffer(body))
                .await()
                .bodyAsJsonObject()
                .getString("appealNo");
        assertError(get("/requests/" + no + ".json"), 404, "service_request_id");
        assertThat(new JsonArray(get("/requests.json?service_request_id=" + no).bodyAsString()))
                .isEmpty();
    }

    @Test
    @DisplayName("a client that must sign is refused without a valid signature and accepted with one")
    void signedClient() {
        byte[] body = Signers.utf8("api_key=k-signer-000001&service_code=0201&address_string="
                + "%E6%9C%9B%E4%BA%AC&description=%E5%81%9C%E6%B0%B4%E4%BA%86");
        HttpResponse<Buffer> unsigned = postForm(body);
        assertError(unsigned, 401, "X-Intake-Timestamp");
        String ts = Long.toString(System.currentTimeMillis() / 1000);
        String path = BASE + "/requests.json";
        HttpResponse<Buffer> signed = gw.http
                .post(gw.port(), "127.0.0.1", path)
                .putHeader("content-type", "application/x-www-form-urlencoded")
                .putHeader("X-Intake-Timestamp", ts)
                .putHeader("X-Intake-Nonce", "n0nce-0001")
                .putHeader(
                        "X-Intake-Signature",
                        RequestSignature.sign("signer-secret-000000000001", "POST", path, ts, "n0nce-0001", body))
                .sendBuffer(Buffer.buffer(body))
                .await();
        assertThat(signed.statusCode()).isEqualTo(200);
        assertThat(new JsonArray(signed.bodyAsString()).getJsonObject(0).getString("service_notice"))
                .isEqualTo("您的诉求已受理，将于24小时内答复。");
    }

    private HttpResponse<Buffer> signedForm(byte[] body, String ts, String nonce, String idempotencyKey) {
        String path = BASE + "/requests.json";
        var req = gw.http
                .post(gw.port(), "127.0.0.1", path)
                .putHeader("content-type", "application/x-www-form-urlencoded")
                .putHeader("X-Intake-Timestamp", ts)
                .putHeader("X-Intake-Nonce", nonce)
                .putHeader(
                        "X-Intake-Signature",
                        RequestSignature.sign("signer-secret-000000000001", "POST", path, ts, nonce, body));
        if (idempotencyKey != null) {
            req.putHeader("Idempotency-Key", idempotencyKey);
        }
        return req.sendBuffer(Buffer.buffer(body)).await();
    }

    @Test
    @DisplayName("a signed request's nonce is bound to its body and key: a retry is the same request, a change 409")
    void signedReplay() {
        byte[] body = Signers.utf8("api_key=k-signer-000001&service_code=0201&address_string="
                + "%E6%9C%9B%E4%BA%AC&description=%E8%B7%AF%E7%81%AF%E4%B8%8D%E4%BA%AE");
        String ts = Long.toString(System.currentTimeMillis() / 1000);
        String nonce = "n0nce-" + System.nanoTime();
        HttpResponse<Buffer> first = signedForm(body, ts, nonce, null);
        assertThat(first.statusCode()).isEqualTo(200);
        String id = new JsonArray(first.bodyAsString()).getJsonObject(0).getString("service_request_id");
        int appeals = gw.intakes().size();

        HttpResponse<Buffer> retry = signedForm(body, ts, nonce, null);
        assertThat(new JsonArray(retry.bodyAsString()).getJsonObject(0).getString("service_request_id"))
                .isEqualTo(id);
        byte[] other = Signers.utf8(new String(body, StandardCharsets.UTF_8).replace("%E8%B7%AF", "%E8%B7%AE"));
        assertError(signedForm(other, ts, nonce, null), 409, "X-Intake-Nonce");
        assertError(signedForm(body, ts, nonce, "key-" + nonce), 409, "X-Intake-Nonce");
        assertThat(gw.intakes()).hasSize(appeals);
    }

    @Test
    @DisplayName("an unsigned request's Idempotency-Key reused for another body is 422, never the first request's id")
    void unsignedKeyReused() {
        String key = "k-fresh-" + System.nanoTime();
        byte[] a = Signers.utf8("api_key=" + ChannelGateway.OPEN311_KEY + "&service_code=0302&address_string="
                + "%E6%9C%9B%E4%BA%AC&description=" + FormData.encode("楼道灯不亮 A"));
        HttpResponse<Buffer> first = keyedForm(a, key).await();
        assertThat(first.statusCode()).as(first.bodyAsString()).isEqualTo(200);
        String id = new JsonArray(first.bodyAsString()).getJsonObject(0).getString("service_request_id");
        int appeals = gw.intakes().size();
        // A retry, the same body under the same key, is the same request.
        HttpResponse<Buffer> retry = keyedForm(a, key).await();
        assertThat(new JsonArray(retry.bodyAsString()).getJsonObject(0).getString("service_request_id"))
                .isEqualTo(id);
        byte[] b = Signers.utf8("api_key=" + ChannelGateway.OPEN311_KEY + "&service_code=0401&address_string="
                + "%E9%85%92%E4%BB%99%E6%A1%A5&phone=13800138000&description=" + FormData.encode("噪音扰民 B"));
        assertError(keyedForm(b, key).await(), 422, "Idempotency-Key");
        assertThat(gw.intakes()).hasSize(appeals);

        // 10 different bodies at once under one fresh key: one appeal, every other answer 422.
        String shared = "k-shared-" + System.nanoTime();
        List<Future<HttpResponse<Buffer>>> sent = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            sent.add(keyedForm(
                    Signers.utf8("api_key=" + ChannelGateway.OPEN311_KEY + "&service_code=0302"
                            + "&address_string=%E6%9C%9B%E4%BA%AC&description=" + FormData.encode("第" + i + "条诉求")),
                    shared));
        }
        Future.join(sent).await();
        List<Integer> statuses = sent.stream().map(f -> f.result().statusCode()).toList();
        assertThat(statuses).containsOnly(200, 422);
        assertThat(statuses.stream().filter(s -> s == 200)).hasSize(1);
        assertThat(gw.intakes()).hasSize(appeals + 1);
    }

    private Future<HttpResponse<Buffer>> keyedForm(byte[] body, String idempotencyKey) {
        return gw.http
                .post(gw.port(), "127.0.0.1", BASE + "/requests.json")
                .putHeader("content-type", "application/x-www-form-urlencoded")
                .putHeader("Idempotency-Key", idempotencyKey)
                .sendBuffer(Buffer.buffer(body));
    }
}

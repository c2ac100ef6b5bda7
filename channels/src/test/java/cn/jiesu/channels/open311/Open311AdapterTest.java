package cn.jiesu.channels.open311;

import static org.assertj.core.api.Assertions.assertThat;

import cn.jiesu.channels.ApiClient;
import cn.jiesu.channels.ChannelResult;
import cn.jiesu.channels.ChannelResult.Accepted;
import cn.jiesu.channels.ChannelResult.Rejected;
import cn.jiesu.channels.Fixtures;
import cn.jiesu.channels.Fixtures.Req;
import cn.jiesu.channels.FormData;
import cn.jiesu.channels.HttpReply;
import cn.jiesu.channels.RequestSignature;
import cn.jiesu.channels.catalog.AttributeValue;
import cn.jiesu.channels.catalog.ServiceAttribute;
import cn.jiesu.channels.catalog.ServiceCatalog;
import cn.jiesu.channels.catalog.ServiceCatalogYaml;
import cn.jiesu.channels.catalog.ServiceDefinition;
import cn.jiesu.core.appeal.AppendResult;
import cn.jiesu.core.intake.Channel;
import cn.jiesu.core.intake.ContentType;
import cn.jiesu.core.intake.Crs;
import cn.jiesu.core.intake.Intake;
import cn.jiesu.core.intake.RequestType;
import cn.jiesu.core.intake.Urgency;
import cn.jiesu.core.sla.SlaPolicy;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class Open311AdapterTest {
    static final Clock CLOCK = Fixtures.clockAt("2024-05-30T02:00:05Z"); // 1717034405
    static final String FORM = "application/x-www-form-urlencoded; charset=utf-8";
    static final String PATH = "/open311/v2/requests.json";

    static Open311Config config(List<String> requireSignature) {
        return new Open311Config(
                "bj12345.gov.cn",
                List.of(
                        new ApiClient("web-portal", "k-web-portal-01", null),
                        new ApiClient("app-signed", "k-app-signed-01", "app-secret-0f9e8d7c")),
                requireSignature,
                new Open311Discovery(
                        "2024-05-01T00:00:00+08:00",
                        "12345@bj.gov.cn",
                        "https://12345.bj.gov.cn/keys",
                        List.of(new Open311Discovery.Endpoint(
                                "http://wiki.open311.org/GeoReport_v2",
                                "https://12345.bj.gov.cn/open311/v2",
                                "2024-05-01T00:00:00+08:00",
                                "production",
                                List.of("application/json")))),
                null,
                null,
                0,
                null,
                null,
                0);
    }

    static Open311Adapter adapter(Open311Config config) {
        return new Open311Adapter(
                config, CLOCK, Fixtures.ids(CLOCK), SlaPolicy.BEIJING, Fixtures.classifier(), Fixtures.catalog());
    }

    private final Open311Adapter adapter = adapter(config(List.of()));

    private ChannelResult postForm(String body) {
        return adapter.createRequest(
                Req.post(PATH).header("Content-Type", FORM).body(body).build());
    }

    private static String specBody() {
        return Fixtures.text("open311/create-request.form");
    }

    @Test
    @DisplayName("a number attribute takes plain decimals below 1e15 and keeps them as written in the title")
    void numberAttribute() {
        for (String n : List.of("3", "-1", "+2", "2.5", "0", "999999999999999", "12.000")) {
            ChannelResult r = postForm("api_key=k-web-portal-01&service_code=0301&address_string=x&attribute[FLOOR]="
                    + FormData.encode(n));
            assertThat(r)
                    .as(n)
                    .isInstanceOfSatisfying(
                            Accepted.class, a -> assertThat(a.intake().title()).endsWith("【所在楼层】" + n));
        }
    }

    @Test
    @DisplayName("a datetime attribute outside the years 1..9999 is 400 naming the attribute; one inside is taken")
    void datetimeAttributeBounds() {
        ServiceCatalog seen = ServiceCatalogYaml.parse("""
                services:
                  - code: "0501"
                    name: 噪音扰民
                    attributes:
                      - {code: SEEN, datatype: datetime, required: false, order: 1, description: 发生时间}
                """, "test");
        Open311Adapter a = new Open311Adapter(
                config(List.of()), CLOCK, Fixtures.ids(CLOCK), SlaPolicy.BEIJING, Fixtures.classifier(), seen);
        for (String at : List.of(
                "+999999999-12-31T23:59:59Z",
                "-999999999-01-01T00:00:00Z",
                "0000-01-01T00:00:00Z",
                "+10000-01-01T00:00:00Z")) {
            ChannelResult r = a.createRequest(Req.post(PATH)
                    .header("Content-Type", FORM)
                    .body("api_key=k-web-portal-01&service_code=0501&address_string=x&attribute[SEEN]="
                            + FormData.encode(at))
                    .build());
            assertThat(r).as(at).isInstanceOfSatisfying(Rejected.class, x -> {
                assertThat(x.status()).isEqualTo(400);
                assertThat(x.field()).isEqualTo("attribute[SEEN]");
            });
        }
        assertThat(a.createRequest(Req.post(PATH)
                        .header("Content-Type", FORM)
                        .body("api_key=k-web-portal-01" + "&service_code=0501&address_string=x&attribute[SEEN]="
                                + FormData.encode("2024-05-30T22:00:00+08:00"))
                        .build()))
                .isInstanceOf(Accepted.class);
    }

    @Test
    @DisplayName("the raw payload keeps the spec's arguments and the service's attributes only, not junk fields")
    void rawKeepsDefinedFields() {
        String body = specBody().strip() + "&attribute%5BNOT_DEFINED%5D=" + "z".repeat(20_000) + "&junk="
                + "x".repeat(40_000);
        Accepted a = (Accepted) postForm(body);
        String raw = new String(a.raw().body(), java.nio.charset.StandardCharsets.UTF_8);
        assertThat(raw)
                .contains("service_code=")
                .contains("description=")
                .contains("attribute%5BFLOOR%5D=3")
                .doesNotContain("junk")
                .doesNotContain("NOT_DEFINED")
                .doesNotContain("api_key");
        assertThat(a.raw().body().length).isLessThan(2_000);
    }

    @Test
    @DisplayName("the spec's web-form POST, byte for byte, becomes one normalized intake")
    void specPost() {
        ChannelResult r = postForm(specBody());
        assertThat(r).isInstanceOf(Accepted.class);
        Intake in = ((Accepted) r).intake();
        assertThat(in.channel()).isEqualTo(Channel.OPEN311);
        assertThat(in.channelAccount()).isEqualTo("web-portal");
        assertThat(in.channelMessageId()).isEqualTo("req:" + in.intakeId());
        assertThat(in.contentType()).isEqualTo(ContentType.FORM);
        assertThat(in.title()).isEqualTo("楼道照明【所在楼层】3"); // agents see the attribute next to the service
        assertThat(in.content()).isEqualTo("楼道照明灯已损坏一周，夜间老人上下楼不安全。"); // the citizen's text only
        assertThat(in.location().addressText()).isEqualTo("北京市朝阳区望京街道阜通东大街6号院3号楼");
        assertThat(in.location().lat()).isEqualTo(39.996542);
        assertThat(in.location().lon()).isEqualTo(116.480623);
        assertThat(in.location().crs()).isEqualTo(Crs.WGS84);
        assertThat(in.citizen().name()).isEqualTo("李明");
        assertThat(in.citizen().phone()).isEqualTo("13800138000");
        assertThat(in.citizen().channelUserId()).isEqualTo("web-7f3a9c");
        assertThat(in.citizen().confidential()).isFalse();
        assertThat(in.attachments()).singleElement().satisfies(a -> {
            assertThat(a.kind()).isEqualTo("IMAGE");
            assertThat(a.reference()).isEqualTo("https://upload.example.gov.cn/m/2024/05/30/abc123.jpg");
        });
        assertThat(in.requestType()).isEqualTo(RequestType.HELP);
        assertThat(in.urgency()).isEqualTo(Urgency.NORMAL);
        assertThat(in.dueAt()).isEqualTo(in.receivedAt().plus(Duration.ofDays(7)));
        assertThat(in.signatureVerified()).isFalse();
        assertThat(in.signatureScheme()).isEqualTo("OPEN311_APIKEY");
        assertThat(((Accepted) r).raw().query()).doesNotContainKey("api_key");
    }

    @Test
    @DisplayName("the POST response is exactly the spec's array, with the appeal number as service_request_id")
    void postResponse() {
        Accepted a = (Accepted) postForm(specBody());
        String body = a.ack()
                .render(new AppendResult(a.intake().intakeId(), "BJ20240530-000123", false))
                .bodyText();
        assertThat(body).isEqualTo(Fixtures.text("open311/post-response.json").strip());
    }

    @Test
    @DisplayName("the spec's worked HMAC example verifies; the nonce becomes the dedupe id")
    void hmacWorkedExample() {
        byte[] body = Fixtures.bytes("open311/create-request.form");
        assertThat(RequestSignature.sign("app-secret-0f9e8d7c", "POST", PATH, "1717034405", "b7c1e2d3f4a5", body))
                .isEqualTo("6e1b52f843526173a02503aba1670f385d4b1f3719aef58ef1a1915de0f39e6d");
        String signedBody = specBody().replace("k-web-portal-01", "k-app-signed-01");
        String sig = RequestSignature.sign(
                "app-secret-0f9e8d7c",
                "POST",
                PATH,
                "1717034405",
                "b7c1e2d3f4a5",
                signedBody.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        ChannelResult r = adapter.createRequest(Req.post(PATH)
                .header("Content-Type", FORM)
                .header("X-Intake-Timestamp", "1717034405")
                .header("X-Intake-Nonce", "b7c1e2d3f4a5")
                .header("X-Intake-Signature", sig)
                .body(signedBody)
                .build());
        assertThat(r).isInstanceOfSatisfying(Accepted.class, a -> {
            assertThat(a.intake().signatureVerified()).isTrue();
            assertThat(a.intake().signatureScheme()).isEqualTo("HMAC");
            assertThat(a.intake().channelMessageId()).isEqualTo("nonce:b7c1e2d3f4a5");
        });
        assertRejected(
                adapter.createRequest(Req.post(PATH)
                        .header("Content-Type", FORM)
                        .header("X-Intake-Timestamp", "1717034405")
                        .header("X-Intake-Nonce", "b7c1e2d3f4a5")
                        .header("X-Intake-Signature", sig)
                        .body(signedBody + "&x=1")
                        .build()),
                401,
                "X-Intake-Signature");
        Open311Adapter strict = adapter(config(List.of("app-signed")));
        assertRejected(
                strict.createRequest(Req.post(PATH)
                        .header("Content-Type", FORM)
                        .body(signedBody)
                        .build()),
                401,
                "X-Intake-Timestamp");
    }

    @Test
    @DisplayName("Idempotency-Key scopes the dedupe id: a retry maps to the same key and gets the first number back")
    void idempotency() {
        Accepted a = (Accepted) adapter.createRequest(Req.post(PATH)
                .header("Content-Type", FORM)
                .header("Idempotency-Key", "6f1c2a7e-1b2c-4d5e-8f90-1234567890ab")
                .body(specBody())
                .build());
        Accepted b = (Accepted) adapter.createRequest(Req.post(PATH)
                .header("Content-Type", FORM)
                .header("Idempotency-Key", "6f1c2a7e-1b2c-4d5e-8f90-1234567890ab")
                .body(specBody())
                .build());
        assertThat(a.intake().dedupeKey())
                .isEqualTo(b.intake().dedupeKey())
                .isEqualTo("OPEN311|web-portal|idem:6f1c2a7e-1b2c-4d5e-8f90-1234567890ab");
        assertThat(b.ack().render(new AppendResult("first-id", "BJ1", true)).bodyText())
                .contains("\"BJ1\"");
        assertRejected(
                adapter.createRequest(Req.post(PATH)
                        .header("Content-Type", FORM)
                        .header("Idempotency-Key", "bad key|with pipe")
                        .body(specBody())
                        .build()),
                400,
                "Idempotency-Key");
    }

    @Test
    @DisplayName("a JSON body with an attribute object is read like the form; REQTYPE and ANON are honoured")
    void jsonBody() {
        JsonObject body = new JsonObject()
                .put("api_key", "k-web-portal-01")
                .put("service_code", "0301")
                .put("lat", 39.996542)
                .put("long", 116.480623)
                .put("description", "楼道灯坏了，我要投诉物业")
                .put(
                        "attribute",
                        new JsonObject()
                                .put("FLOOR", 3)
                                .put("REQTYPE", "SUGGESTION")
                                .put("ANON", "true"));
        ChannelResult r = adapter.createRequest(Req.post(PATH)
                .header("Content-Type", "application/json")
                .body(body.encode())
                .build());
        assertThat(r).isInstanceOfSatisfying(Accepted.class, a -> {
            assertThat(a.intake().requestType()).isEqualTo(RequestType.SUGGESTION); // explicit beats 投诉
            assertThat(a.intake().citizen().confidential()).isTrue();
            assertThat(a.intake().content()).isEqualTo("楼道灯坏了，我要投诉物业");
            assertThat(a.intake().title()).isEqualTo("楼道照明【所在楼层】3");
        });
    }

    @Test
    @DisplayName("a service with a mapped tier sets urgency and the notice names its limit")
    void mappedService() {
        String body = "api_key=k-web-portal-01&service_code=0201&address_string=" + FormData.encode("望京西园三区")
                + "&description=" + FormData.encode("没水了");
        Accepted a = (Accepted) postForm(body);
        assertThat(a.intake().urgency()).isEqualTo(Urgency.IMMEDIATE);
        assertThat(a.ack().render(new AppendResult("x", "BJ2", false)).bodyText())
                .contains("将于24小时内答复");
        assertThat(Open311Adapter.limit(Duration.ofHours(2))).isEqualTo("2小时");
        assertThat(Open311Adapter.limit(Duration.ofDays(15))).isEqualTo("15日");
    }

    @Test
    @DisplayName("a bad api_key is 403 with the spec's exact error array")
    void badApiKey() {
        ChannelResult r = postForm(specBody().replace("k-web-portal-01", "k-wrong-key-00"));
        assertThat(r).isInstanceOfSatisfying(Rejected.class, x -> {
            assertThat(x.status()).isEqualTo(403);
            assertThat(x.field()).isEqualTo("api_key");
            assertThat(x.reply().bodyText())
                    .isEqualTo(Fixtures.text("open311/error-403.json").strip());
        });
        assertRejected(postForm("service_code=0301&address_string=x"), 403, "api_key");
    }

    @ParameterizedTest(name = "{0} -> {1} {2}")
    @CsvSource(
            delimiter = '|',
            value = {
                "service_code=&address_string=x | 400 | service_code",
                "service_code=9999&address_string=x | 404 | service_code",
                "service_code=0301 | 400 | lat",
                "service_code=0301&lat=39.9 | 400 | long",
                "service_code=0301&lat=91&long=116 | 400 | lat",
                "service_code=0301&lat=abc&long=116 | 400 | lat",
                "service_code=0301&address_string=x&attribute[[]=1 | 400 | attribute[[]",
                "service_code=0301&address_string=x&attribute%5B%5D=1 | 400 | attribute[]",
                "service_code=0301&address_string=x&attribute[]]=1 | 400 | attribute[]]",
                "service_code=0301&address_string=x&attribute[FLOOR]x=1 | 400 | attribute[FLOOR]x",
                "service_code=0301&address_string=x&attribute%5BFLOOR%5D=three | 400 | attribute[FLOOR]",
                "service_code=0301&address_string=x&attribute[FLOOR]=NaN | 400 | attribute[FLOOR]",
                "service_code=0301&address_string=x&attribute[FLOOR]=-Infinity | 400 | attribute[FLOOR]",
                "service_code=0301&address_string=x&attribute[FLOOR]=1e999999 | 400 | attribute[FLOOR]",
                "service_code=0301&address_string=x&attribute[FLOOR]=1e3 | 400 | attribute[FLOOR]",
                "service_code=0301&address_string=x&attribute[FLOOR]=0x1p3 | 400 | attribute[FLOOR]",
                "service_code=0301&address_string=x&attribute[FLOOR]=3d | 400 | attribute[FLOOR]",
                "service_code=0301&address_string=x&attribute[FLOOR]=1000000000000000 | 400 | attribute[FLOOR]",
                "service_code=0301&address_string=x&attribute[ANON]=maybe | 400 | attribute[ANON]",
                "service_code=0301&address_string=x&attribute[FLOOR]=1&attribute[FLOOR]=2 | 400 | attribute[FLOOR]",
                "service_code=0301&address_string=x&media_url=ftp%3A%2F%2Fx%2Fa.jpg | 400 | media_url",
                "service_code=0301&address_string=x&email=not-an-email | 400 | email",
                "service_code=0301&address_string=x&phone=call-me | 400 | phone",
                "service_code=0301&address_string=x&description=%E6%A5%BC%E9%81 | 400 | description",
                "service_code=0301&address_string=x&description=%FF%FE | 400 | description",
                "service_code=0301&address_string=x&description=%4 | 400 | description",
                "service_code=0301&address_string=x&jurisdiction_id=sh12345.gov.cn | 404 | jurisdiction_id",
                "service_code=9999&address_string=x&jurisdiction_id=sh12345.gov.cn | 404 | jurisdiction_id"
            })
    @DisplayName("invalid arguments are 400 (404 for an unknown service_code or jurisdiction_id) in the spec's "
            + "error shape, the description naming the field")
    void badArguments(String form, int status, String field) {
        ChannelResult r = postForm("api_key=k-web-portal-01&" + form);
        assertThat(r).isInstanceOfSatisfying(Rejected.class, x -> {
            assertThat(x.status()).isEqualTo(status);
            assertThat(x.field()).isEqualTo(field);
            JsonArray errors = new JsonArray(x.reply().bodyText());
            assertThat(errors).hasSize(1);
            assertThat(errors.getJsonObject(0).fieldNames()).containsExactly("code", "description");
            assertThat(errors.getJsonObject(0).getInteger("code")).isEqualTo(status);
            assertThat(errors.getJsonObject(0).getString("description")).startsWith(field);
        });
    }

    @Test
    @DisplayName("a description over 4000 characters is refused (the client can shorten it), not truncated")
    void longDescription() {
        assertRejected(
                postForm("api_key=k-web-portal-01&service_code=0302&address_string=x&description="
                        + FormData.encode("灯".repeat(4001))),
                400,
                "description");
        assertRejected(
                postForm("api_key=k-web-portal-01&service_code=0301&address_string=x&attribute[FLOOR]=3"
                        + "&description=" + FormData.encode("灯".repeat(4001))),
                400,
                "description");
    }

    @Test
    @DisplayName("the 4000-character limit is the citizen's alone: attributes go to the title, not the content")
    void fullDescriptionWithAttributes() {
        String description = "灯".repeat(4000);
        ChannelResult r = postForm("api_key=k-web-portal-01&service_code=0301&address_string=x&attribute[FLOOR]=12"
                + "&attribute[REQTYPE]=COMPLAINT&description=" + FormData.encode(description));
        assertThat(r).isInstanceOfSatisfying(Accepted.class, a -> {
            assertThat(a.intake().content()).isEqualTo(description);
            assertThat(a.intake().title()).isEqualTo("楼道照明【所在楼层】12");
            assertThat(a.intake().requestType()).isEqualTo(RequestType.COMPLAINT);
        });
    }

    @Test
    @DisplayName(
            "long attribute text is cut in the title with …, at most 200 characters, never inside a surrogate pair")
    void longTitle() {
        ServiceDefinition s = new ServiceDefinition(
                "0999",
                "测试",
                null,
                null,
                null,
                null,
                null,
                null,
                List.of(new ServiceAttribute(true, "NOTE", "text", false, null, 1, "备注", null)));
        String title = Open311Title.of(s, java.util.Map.of(s.attributes().get(0), List.of("x" + "😀".repeat(300))));
        assertThat(title)
                .hasSize(Intake.MAX_TITLE_CHARS)
                .startsWith("测试【备注】x😀")
                .endsWith("😀…");
        // one character later the cut would split a pair: it moves back one
        assertThat(Open311Title.of(s, java.util.Map.of(s.attributes().get(0), List.of("xx" + "😀".repeat(300)))))
                .hasSize(Intake.MAX_TITLE_CHARS - 1)
                .endsWith("😀…");
        assertThat(Open311Title.of(s, java.util.Map.of(s.attributes().get(0), List.of("第一行\n\n第二行"))))
                .isEqualTo("测试【备注】第一行 第二行");
        ServiceCatalog catalog = new ServiceCatalog(
                List.of(s, new ServiceDefinition("0998", "测试路灯", null, null, null, null, null, null, List.of())));
        assertThat(Open311Title.service(catalog, title))
                .map(ServiceDefinition::code)
                .hasValue("0999");
        assertThat(Open311Title.service(catalog, "测试路灯【备注】x"))
                .map(ServiceDefinition::code)
                .hasValue("0998");
        assertThat(Open311Title.service(catalog, "测试路灯"))
                .map(ServiceDefinition::code)
                .hasValue("0998");
        assertThat(Open311Title.service(catalog, "测试X")).isEmpty();
        assertThat(Open311Title.serviceName(catalog, "改名了【备注】私密")).isEqualTo("改名了");
    }

    @Test
    @DisplayName("the citizen's REQTYPE beats the request type the service maps to; the service's urgency stays")
    void reqtypeOverService() {
        ServiceDefinition heating = new ServiceDefinition(
                "0998",
                "测试供暖",
                null,
                null,
                null,
                null,
                RequestType.HELP,
                Urgency.IMMEDIATE,
                List.of(new ServiceAttribute(
                        true,
                        "REQTYPE",
                        "singlevaluelist",
                        false,
                        null,
                        1,
                        "诉求类型",
                        List.of(new AttributeValue("COMPLAINT", "投诉"), new AttributeValue("HELP", "求助")))));
        Open311Adapter custom = new Open311Adapter(
                config(List.of()),
                CLOCK,
                Fixtures.ids(CLOCK),
                SlaPolicy.BEIJING,
                Fixtures.classifier(),
                new ServiceCatalog(List.of(heating)));
        ChannelResult r = custom.createRequest(Req.post(PATH)
                .header("Content-Type", FORM)
                .body("api_key=k-web-portal-01&service_code=0998&address_string=x&description="
                        + FormData.encode("暖气不热") + "&attribute[REQTYPE]=COMPLAINT")
                .build());
        assertThat(r).isInstanceOfSatisfying(Accepted.class, a -> {
            assertThat(a.intake().requestType()).isEqualTo(RequestType.COMPLAINT);
            assertThat(a.intake().urgency()).isEqualTo(Urgency.IMMEDIATE);
        });
        ChannelResult none = custom.createRequest(Req.post(PATH)
                .header("Content-Type", FORM)
                .body("api_key=k-web-portal-01&service_code=0998&address_string=x&description="
                        + FormData.encode("暖气不热"))
                .build());
        assertThat(none)
                .isInstanceOfSatisfying(
                        Accepted.class,
                        a -> assertThat(a.intake().requestType()).isEqualTo(RequestType.HELP));
    }

    @Test
    @DisplayName(
            "attributes the service does not define are ignored (not kept in the raw payload); known ones are checked")
    void unknownAttributes() {
        ChannelResult r = postForm("api_key=k-web-portal-01&service_code=0301&address_string=x&description=d"
                + "&attribute%5BWHISPAWN%5D=x&attribute[COLOR][]=red&attribute[FLOOR]=2");
        assertThat(r).isInstanceOfSatisfying(Accepted.class, a -> {
            assertThat(a.intake().title()).isEqualTo("楼道照明【所在楼层】2");
            assertThat(new String(a.raw().body(), java.nio.charset.StandardCharsets.UTF_8))
                    .contains("attribute%5BFLOOR%5D=2")
                    .doesNotContain("WHISPAWN");
        });
        assertThat(postForm("api_key=k-web-portal-01&service_code=0302&address_string=x&attribute[FLOOR]=abc"))
                .isInstanceOf(Accepted.class); // 0302 has no FLOOR: not checked
        assertRejected(
                postForm("api_key=k-web-portal-01&service_code=0301&address_string=x&attribute[FLOOR]=abc"
                        + "&attribute[WHISPAWN]=x"),
                400,
                "attribute[FLOOR]");
    }

    @Test
    @DisplayName("jurisdiction_id: ours or empty is accepted, another is 404 in the form or the query")
    void jurisdiction() {
        String body = "api_key=k-web-portal-01&service_code=0302&address_string=x";
        assertThat(postForm(body + "&jurisdiction_id=bj12345.gov.cn")).isInstanceOf(Accepted.class);
        assertThat(postForm(body + "&jurisdiction_id=")).isInstanceOf(Accepted.class);
        ChannelResult r = adapter.createRequest(Req.post(PATH)
                .query("jurisdiction_id=sh12345.gov.cn")
                .header("Content-Type", FORM)
                .body(body)
                .build());
        assertThat(r).isInstanceOfSatisfying(Rejected.class, x -> {
            assertThat(x.status()).isEqualTo(404);
            assertThat(x.reply().bodyText())
                    .isEqualTo("[{\"code\":404,\"description\":\"jurisdiction_id sh12345.gov.cn not found\"}]");
        });
        assertThat(adapter.foreignJurisdiction(Req.get("/open311/v2/services.json")
                        .query("jurisdiction_id=sh12345.gov.cn")
                        .build()))
                .hasValueSatisfying(x -> assertThat(x.status()).isEqualTo(404));
        assertThat(adapter.foreignJurisdiction(Req.get("/open311/v2/services.json")
                        .query("jurisdiction_id=bj12345.gov.cn")
                        .build()))
                .isEmpty();
        assertThat(adapter.foreignJurisdiction(
                        Req.get("/open311/v2/services.json").build()))
                .isEmpty();
    }

    @Test
    @DisplayName("ids and codes echoed in a 404 are made safe however they are encoded: emoji, long, non-ASCII")
    void echoedValues() {
        for (String bad : List.of("😀", "😀".repeat(100), "a😀b", "\uD83D", "中".repeat(70), "../../x", "")) {
            HttpReply definition = adapter.serviceDefinition(bad);
            assertThat(definition.status()).isEqualTo(404);
            assertThat(new JsonArray(definition.bodyText()).getJsonObject(0).getString("description"))
                    .matches("service_code [A-Za-z0-9_.:?-]{0,64} not found");
            HttpReply request = adapter.renderRequest(bad, java.util.Optional.empty());
            assertThat(request.status()).isEqualTo(404);
            assertThat(new JsonArray(request.bodyText()).getJsonObject(0).getString("description"))
                    .matches("service_request_id [A-Za-z0-9_.:?-]{0,64} not found");
        }
        assertThat(Open311Errors.safe("a😀b")).isEqualTo("a?b");
        assertThat(Open311Errors.safe("😀".repeat(100))).isEqualTo("?".repeat(64));
    }

    @Test
    @DisplayName("transport errors: wrong content type 415, oversized 413, truncated JSON 400, GET 405")
    void transport() {
        assertRejected(
                adapter.createRequest(Req.post(PATH)
                        .header("Content-Type", "text/plain")
                        .body(specBody())
                        .build()),
                415,
                "content-type");
        assertRejected(adapter.createRequest(Req.post(PATH).body(specBody()).build()), 415, "content-type");
        assertRejected(
                adapter.createRequest(Req.post(PATH)
                        .header("Content-Type", FORM)
                        .body("a=" + "x".repeat(70_000))
                        .build()),
                413,
                "body");
        assertRejected(
                adapter.createRequest(Req.post(PATH)
                        .header("Content-Type", "application/json")
                        .body("{\"api_key\":\"k-web-portal-01\",\"service_code\":")
                        .build()),
                400,
                "body");
        assertRejected(
                adapter.createRequest(Req.post(PATH)
                        .header("Content-Type", "application/json")
                        .body("{\"api_key\":\"k-web-portal-01\",\"service_code\":{\"a\":1}}")
                        .build()),
                400,
                "service_code");
        assertThat(adapter.createRequest(Req.get(PATH).build()))
                .isInstanceOfSatisfying(
                        Rejected.class, x -> assertThat(x.status()).isEqualTo(405));
    }

    static void assertRejected(ChannelResult r, int status, String field) {
        assertThat(r).isInstanceOfSatisfying(Rejected.class, x -> {
            assertThat(x.status()).isEqualTo(status);
            assertThat(x.field()).isEqualTo(field);
        });
    }
}

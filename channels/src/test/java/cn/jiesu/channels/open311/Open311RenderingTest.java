package cn.jiesu.channels.open311;

import static cn.jiesu.channels.open311.Open311AdapterTest.CLOCK;
import static cn.jiesu.channels.open311.Open311AdapterTest.config;
import static org.assertj.core.api.Assertions.assertThat;

import cn.jiesu.channels.ChannelResult;
import cn.jiesu.channels.Fixtures;
import cn.jiesu.channels.Fixtures.Req;
import cn.jiesu.channels.HttpReply;
import cn.jiesu.channels.catalog.ServiceCatalog;
import cn.jiesu.channels.catalog.ServiceCatalogYaml;
import cn.jiesu.core.appeal.AppealRecord;
import cn.jiesu.core.appeal.AppealStatus;
import cn.jiesu.core.intake.Attachment;
import cn.jiesu.core.intake.Channel;
import cn.jiesu.core.intake.Citizen;
import cn.jiesu.core.intake.Crs;
import cn.jiesu.core.intake.Intake;
import cn.jiesu.core.intake.Location;
import cn.jiesu.core.sla.SlaPolicy;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class Open311RenderingTest {
    private final Open311Adapter adapter = Open311AdapterTest.adapter(config(List.of()));

    @Test
    @DisplayName("services.json is a top-level array of the spec's service objects, codes as strings")
    void services() {
        JsonArray services = new JsonArray(adapter.services().bodyText());
        assertThat(services).isNotEmpty();
        JsonObject first = services.getJsonObject(0);
        assertThat(first.fieldNames())
                .containsExactly(
                        "service_code", "service_name", "description", "metadata", "type", "keywords", "group");
        assertThat(first.getValue("service_code")).isEqualTo("0101");
        assertThat(services.stream().map(o -> ((JsonObject) o).getValue("metadata")))
                .allMatch(v -> v instanceof Boolean);
        assertThat(adapter.services().bodyText()).contains("\"service_code\":\"0301\"");
    }

    @Test
    @DisplayName("services/0301.json renders the spec's service definition exactly")
    void definitionMatchesSpec() {
        String yaml = """
                services:
                  - code: "0301"
                    name: 楼道照明
                    attributes:
                      - {code: REQTYPE, datatype: singlevaluelist, required: true, order: 1, description: 诉求类型,
                         values: [{key: CONSULT, name: 咨询}, {key: HELP, name: 求助}, {key: COMPLAINT, name: 投诉},
                                  {key: REPORT, name: 举报}, {key: SUGGESTION, name: 建议}, {key: PRAISE, name: 表扬}]}
                      - {code: ANON, datatype: singlevaluelist, required: false, order: 2, description: 是否保密,
                         values: [{key: "false", name: 否}, {key: "true", name: 是}]}
                      - {code: FLOOR, datatype: number, required: false, order: 3, datatypeDescription: 楼层,
                         description: 所在楼层}
                """;
        ServiceCatalog spec = ServiceCatalogYaml.parse(yaml, "test");
        Open311Adapter a = new Open311Adapter(
                config(List.of()), CLOCK, Fixtures.ids(CLOCK), SlaPolicy.BEIJING, Fixtures.classifier(), spec);
        HttpReply reply = a.serviceDefinition("0301");
        assertThat(reply.status()).isEqualTo(200);
        JsonObject expected = new JsonObject(Fixtures.text("open311/service-0301.json"));
        assertThat(new JsonObject(reply.bodyText())).isEqualTo(expected);
        assertThat(reply.bodyText()).isEqualTo(expected.encode());
    }

    @Test
    @DisplayName("keywords is a string or absent, never null, in services.json and services.xml")
    void keywordsNeverNull() {
        ServiceCatalog catalog = ServiceCatalogYaml.parse("""
                services:
                  - {code: "0302", name: 路灯, keywords: 路灯}
                  - {code: "0303", name: 井盖, keywords: [井盖, 窨井]}
                  - {code: "0304", name: 其他}
                  - {code: "0305", name: 噪声, keywords: "  "}
                """, "test");
        Open311Adapter a = new Open311Adapter(
                config(List.of()), CLOCK, Fixtures.ids(CLOCK), SlaPolicy.BEIJING, Fixtures.classifier(), catalog);
        HttpReply json = a.services();
        JsonArray services = new JsonArray(json.bodyText());
        assertThat(services.getJsonObject(0).getValue("keywords")).isEqualTo("路灯");
        assertThat(services.getJsonObject(1).getValue("keywords")).isEqualTo("井盖,窨井");
        assertThat(services.getJsonObject(2).fieldNames())
                .doesNotContain("keywords")
                .containsExactly("service_code", "service_name", "description", "metadata", "type", "group");
        assertThat(services.getJsonObject(3).fieldNames()).doesNotContain("keywords");
        assertThat(json.bodyText()).doesNotContain("\"keywords\":null");

        String xml = Open311Xml.convert(json, Open311Xml.Resource.SERVICES).bodyText();
        assertThat(xml)
                .contains("<keywords>路灯</keywords>", "<keywords>井盖,窨井</keywords>")
                .doesNotContain("<keywords/>", "<keywords></keywords>");
    }

    @Test
    @DisplayName("every service of the shipped catalog renders keywords as a string or leaves it out")
    void shippedCatalogKeywords() {
        JsonArray services = new JsonArray(adapter.services().bodyText());
        for (Object o : services) {
            JsonObject service = (JsonObject) o;
            if (service.containsKey("keywords")) {
                assertThat(service.getValue("keywords"))
                        .as(service.getString("service_code"))
                        .isInstanceOf(String.class);
            }
        }
        assertThat(Open311Xml.convert(adapter.services(), Open311Xml.Resource.SERVICES)
                        .bodyText())
                .doesNotContain("<keywords/>");
    }

    @Test
    @DisplayName("an unknown service is 404 in the error shape")
    void definitionNotFound() {
        HttpReply r = adapter.serviceDefinition("9999");
        assertThat(r.status()).isEqualTo(404);
        assertThat(new JsonArray(r.bodyText()).getJsonObject(0).getInteger("code"))
                .isEqualTo(404);
        assertThat(adapter.serviceDefinition("../../etc/passwd").bodyText()).doesNotContain("/");
        assertThat(adapter.serviceDefinition("😀").status()).isEqualTo(404);
    }

    @Test
    @DisplayName("a listed service without attributes (metadata=false) has a definition with an empty attribute list")
    void definitionWithoutMetadata() {
        HttpReply r = adapter.serviceDefinition("0101");
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.bodyText()).isEqualTo("{\"service_code\":\"0101\",\"attributes\":[]}");
        assertThat(Open311Xml.convert(r, Open311Xml.Resource.SERVICE_DEFINITION).bodyText())
                .isEqualTo("<?xml version=\"1.0\" encoding=\"utf-8\"?><service_definition>"
                        + "<service_code>0101</service_code><attributes></attributes></service_definition>");
    }

    @Test
    @DisplayName("discovery.json has the spec's keys")
    void discovery() {
        JsonObject d = new JsonObject(adapter.discovery().bodyText());
        assertThat(d.fieldNames()).containsExactly("changeset", "contact", "key_service", "endpoints");
        assertThat(d.getJsonArray("endpoints").getJsonObject(0).fieldNames())
                .containsExactly("specification", "url", "changeset", "type", "formats");
    }

    @Test
    @DisplayName("a request object has exactly the spec's keys, in order, with the spec's value types")
    void requestObjectShape() {
        JsonObject spec = new JsonArray(Fixtures.text("open311/request-BJ20240530-000123.json")).getJsonObject(0);
        HttpReply reply = adapter.renderRequest(
                "BJ20240530-000123", Optional.of(record(false, Crs.WGS84, AppealStatus.IN_PROGRESS)));
        JsonObject ours = new JsonArray(reply.bodyText()).getJsonObject(0);
        assertThat(List.copyOf(ours.fieldNames())).isEqualTo(List.copyOf(spec.fieldNames()));
        assertThat(ours.getString("service_request_id")).isEqualTo("BJ20240530-000123");
        assertThat(ours.getString("status")).isEqualTo("open");
        assertThat(ours.getString("status_notes")).isEqualTo("办理中");
        assertThat(ours.getString("service_code")).isEqualTo("0301");
        assertThat(ours.getString("service_name")).isEqualTo(spec.getString("service_name"));
        assertThat(ours.getString("description")).isEqualTo(spec.getString("description"));
        assertThat(ours.getString("requested_datetime")).isEqualTo(spec.getString("requested_datetime"));
        assertThat(ours.getString("updated_datetime")).isEqualTo(spec.getString("updated_datetime"));
        assertThat(ours.getString("expected_datetime")).isEqualTo(spec.getString("expected_datetime"));
        assertThat(ours.getString("address")).isEqualTo(spec.getString("address"));
        assertThat(ours.getDouble("lat")).isEqualTo(spec.getDouble("lat"));
        assertThat(ours.getDouble("long")).isEqualTo(spec.getDouble("long"));
        assertThat(ours.getValue("media_url")).isNull();
    }

    @Test
    @DisplayName("attributes in the title are not shown: service_name is the service's, description the citizen's")
    void titleWithAttributes() {
        AppealRecord r = record(false, Crs.WGS84, AppealStatus.RECEIVED);
        AppealRecord withFloor =
                new AppealRecord(r.intake().toBuilder().title("楼道照明【所在楼层】3").build(), r.status(), r.statusAt());
        JsonObject ours =
                new JsonArray(adapter.renderRequest("x", Optional.of(withFloor)).bodyText()).getJsonObject(0);
        assertThat(ours.getString("service_name")).isEqualTo("楼道照明");
        assertThat(ours.getString("service_code")).isEqualTo("0301");
        assertThat(ours.getString("description")).isEqualTo("楼道照明灯已损坏一周，夜间老人上下楼不安全。");
        Open311Query byCode = new Open311Query(
                List.of(),
                Set.of("0301"),
                Instant.parse("2024-05-01T00:00:00Z"),
                Instant.parse("2024-05-31T00:00:00Z"),
                Set.of(),
                10);
        assertThat(adapter.matches(byCode, withFloor)).isTrue();
        AppealRecord renamed =
                new AppealRecord(r.intake().toBuilder().title("旧名称【所在楼层】3").build(), r.status(), r.statusAt());
        JsonObject old =
                new JsonArray(adapter.renderRequest("x", Optional.of(renamed)).bodyText()).getJsonObject(0);
        assertThat(old.getString("service_name")).isEqualTo("旧名称");
        assertThat(old.getValue("service_code")).isNull();
    }

    @Test
    @DisplayName("a request located by address_id alone is stored with it and shows it back, with no address text")
    void addressId() {
        ChannelResult created = adapter.createRequest(Req.post("/open311/v2/requests.json")
                .header("Content-Type", "application/x-www-form-urlencoded")
                .body("api_key=k-web-portal-01&service_code=0302&address_id=BJ-ADDR-110105-0042&description=x")
                .build());
        assertThat(created).isInstanceOfSatisfying(ChannelResult.Accepted.class, a -> {
            assertThat(a.intake().location().addressId()).isEqualTo("BJ-ADDR-110105-0042");
            assertThat(a.intake().location().addressText()).isNull();
            AppealRecord stored = new AppealRecord(
                    a.intake(), AppealStatus.RECEIVED, a.intake().receivedAt());
            JsonObject shown = new JsonArray(
                            adapter.renderRequest("x", Optional.of(stored)).bodyText())
                    .getJsonObject(0);
            assertThat(shown.getString("address_id")).isEqualTo("BJ-ADDR-110105-0042");
            assertThat(shown.getValue("address")).isNull();
        });
    }

    @Test
    @DisplayName("confidential appeals show no description or place; GCJ-02 coordinates are not shown as WGS84")
    void privacy() {
        JsonObject hidden = new JsonArray(
                        adapter.renderRequest("x", Optional.of(record(true, Crs.WGS84, AppealStatus.RESOLVED)))
                                .bodyText())
                .getJsonObject(0);
        assertThat(hidden.getValue("description")).isNull();
        assertThat(hidden.getValue("address")).isNull();
        assertThat(hidden.getValue("lat")).isNull();
        assertThat(hidden.getString("status")).isEqualTo("closed");
        JsonObject gcj = new JsonArray(
                        adapter.renderRequest("x", Optional.of(record(false, Crs.GCJ02, AppealStatus.RECEIVED)))
                                .bodyText())
                .getJsonObject(0);
        assertThat(gcj.getValue("lat")).isNull();
        assertThat(gcj.getString("address")).isNotNull();
        assertThat(adapter.renderRequest("nope", Optional.empty()).status()).isEqualTo(404);
    }

    @Test
    @DisplayName("phone, 身份证 numbers and e-mails typed into the description or address are masked when read")
    void contactDataInTextMasked() {
        AppealRecord r = record(false, Crs.WGS84, AppealStatus.RECEIVED);
        Intake in = r.intake().toBuilder()
                .content("路灯坏了，请联系王先生13800138000或010-62345678，身份证11010519491231002X，邮箱wang@example.com")
                .location(new Location("望京西园三区222号楼 电话13912345678", 39.99, 116.48, Crs.WGS84, null, null, null))
                .build();
        JsonObject shown = new JsonArray(
                        adapter.renderRequest("x", Optional.of(new AppealRecord(in, r.status(), r.statusAt())))
                                .bodyText())
                .getJsonObject(0);
        assertThat(shown.getString("description"))
                .isEqualTo("路灯坏了，请联系王先生*******8000或***-****5678，身份证**************002X，邮箱w***@example.com");
        assertThat(shown.getString("address")).isEqualTo("望京西园三区222号楼 电话*******5678");
        assertThat(shown.encode())
                .doesNotContain("13800138000")
                .doesNotContain("62345678")
                .doesNotContain("1101051949")
                .doesNotContain("wang@")
                .doesNotContain("13912345678");
    }

    @Test
    @DisplayName("public-reads false: reading requests needs a configured client's api_key (403 otherwise)")
    void keyedReads() {
        Open311Config c = config(List.of());
        Open311Adapter keyed = Open311AdapterTest.adapter(new Open311Config(
                c.jurisdictionId(),
                c.clients(),
                c.requireSignature(),
                c.discovery(),
                c.serviceNotice(),
                c.zone(),
                c.maxBodyBytes(),
                c.maxSkew(),
                c.defaultWindow(),
                c.maxResults(),
                false));
        for (String query : new String[] {
            "jurisdiction_id=bj12345.gov.cn", "api_key=", "api_key=k-wrong-key-01", "api_key=K-WEB-PORTAL-01"
        }) {
            Optional<ChannelResult.Rejected> refused = keyed.readRefused(
                    Req.get("/open311/v2/requests.json").query(query).build());
            assertThat(refused).as(query).isPresent();
            HttpReply reply = refused.get().reply();
            assertThat(reply.status()).isEqualTo(403);
            assertThat(new JsonArray(reply.bodyText()).getJsonObject(0).getInteger("code"))
                    .isEqualTo(403);
        }
        assertThat(keyed.readRefused(Req.get("/open311/v2/requests.json")
                        .query("api_key=k-web-portal-01")
                        .build()))
                .isEmpty();
        assertThat(adapter.readRefused(Req.get("/open311/v2/requests.json").build()))
                .as("public reads")
                .isEmpty();
    }

    @Test
    @DisplayName("GET requests.json defaults to the last 90 days and 1000 rows; explicit spans over 90 days are 400")
    void queryParsing() {
        Open311Lookup l = adapter.lookup(Req.get("/open311/v2/requests.json").build());
        assertThat(l).isInstanceOfSatisfying(Open311Lookup.Query.class, q -> {
            assertThat(q.query().end()).isEqualTo(CLOCK.instant());
            assertThat(q.query().start()).isEqualTo(CLOCK.instant().minus(Duration.ofDays(90)));
            assertThat(q.query().limit()).isEqualTo(1000);
        });
        assertThat(adapter.lookup(Req.get("/open311/v2/requests.json")
                        .query("start_date=2024-01-01T00:00:00+08:00&end_date=2024-05-01T00:00:00+08:00")
                        .build()))
                .isInstanceOfSatisfying(Open311Lookup.Invalid.class, i -> {
                    assertThat(i.rejected().status()).isEqualTo(400);
                    assertThat(i.rejected().field()).isEqualTo("end_date");
                });
        assertThat(adapter.lookup(Req.get("/open311/v2/requests.json")
                        .query("start_date=yesterday")
                        .build()))
                .isInstanceOfSatisfying(
                        Open311Lookup.Invalid.class,
                        i -> assertThat(i.rejected().field()).isEqualTo("start_date"));
        assertThat(adapter.lookup(Req.get("/open311/v2/requests.json")
                        .query("status=pending")
                        .build()))
                .isInstanceOfSatisfying(
                        Open311Lookup.Invalid.class,
                        i -> assertThat(i.rejected().field()).isEqualTo("status"));
        assertThat(adapter.lookup(Req.get("/open311/v2/requests.json")
                        .query("status=open,closed&start_date=2024-05-01T00:00:00 08:00")
                        .build()))
                .isInstanceOfSatisfying(
                        Open311Lookup.Query.class,
                        q -> assertThat(q.query().statuses()).containsExactlyInAnyOrder("open", "closed"));
    }

    @Test
    @DisplayName("service_code and status are comma-delimited, repeatable, or both")
    void listParameters() {
        for (String query : List.of(
                "service_code=0301,0302",
                "service_code=0301&service_code=0302",
                "service_code=0301,&service_code=,0302")) {
            assertThat(adapter.lookup(
                            Req.get("/open311/v2/requests.json").query(query).build()))
                    .isInstanceOfSatisfying(
                            Open311Lookup.Query.class,
                            q -> assertThat(q.query().serviceCodes()).containsExactlyInAnyOrder("0301", "0302"));
        }
        assertThat(adapter.lookup(Req.get("/open311/v2/requests.json")
                        .query("status=open&status=closed")
                        .build()))
                .isInstanceOfSatisfying(
                        Open311Lookup.Query.class,
                        q -> assertThat(q.query().statuses()).containsExactlyInAnyOrder("open", "closed"));
        assertThat(adapter.lookup(Req.get("/open311/v2/requests.json")
                        .query("status=open&status=pending")
                        .build()))
                .isInstanceOfSatisfying(
                        Open311Lookup.Invalid.class,
                        i -> assertThat(i.rejected().field()).isEqualTo("status"));
    }

    @Test
    @DisplayName("service_request_id overrides all other arguments: a bad date or status beside it is not checked")
    void idsOverride() {
        assertThat(adapter.lookup(Req.get("/open311/v2/requests.json")
                        .query("service_request_id=BJ1,BJ2&service_request_id=BJ3&status=pending&start_date=yesterday"
                                + "&service_code=0101")
                        .build()))
                .isInstanceOfSatisfying(Open311Lookup.Query.class, q -> {
                    assertThat(q.query().ids()).containsExactly("BJ1", "BJ2", "BJ3");
                    assertThat(q.query().statuses()).isEmpty();
                    assertThat(q.query().serviceCodes()).isEmpty();
                });
        assertThat(adapter.lookup(Req.get("/open311/v2/requests.json")
                        .query("service_request_id=a%2Fb")
                        .build()))
                .isInstanceOfSatisfying(
                        Open311Lookup.Invalid.class,
                        i -> assertThat(i.rejected().field()).isEqualTo("service_request_id"));
    }

    @Test
    @DisplayName("a jurisdiction_id other than ours is 404 for the list too, even beside service_request_id")
    void listJurisdiction() {
        assertThat(adapter.lookup(Req.get("/open311/v2/requests.json")
                        .query("jurisdiction_id=sh12345.gov.cn&service_request_id=BJ1")
                        .build()))
                .isInstanceOfSatisfying(Open311Lookup.Invalid.class, i -> {
                    assertThat(i.rejected().status()).isEqualTo(404);
                    assertThat(i.rejected().field()).isEqualTo("jurisdiction_id");
                });
        assertThat(adapter.lookup(Req.get("/open311/v2/requests.json")
                        .query("jurisdiction_id=bj12345.gov.cn")
                        .build()))
                .isInstanceOf(Open311Lookup.Query.class);
    }

    @Test
    @DisplayName("the result list is filtered by status, service and window, newest first, capped at the limit")
    void filtering() {
        AppealRecord open = record(false, Crs.WGS84, AppealStatus.RECEIVED);
        AppealRecord closed = new AppealRecord(
                open.intake().toBuilder()
                        .intakeId("01B")
                        .appealNo("BJ2")
                        .receivedAt(open.intake().receivedAt().plusSeconds(60))
                        .build(),
                AppealStatus.CLOSED,
                open.statusAt());
        AppealRecord old = new AppealRecord(
                open.intake().toBuilder()
                        .intakeId("01C")
                        .appealNo("BJ3")
                        .receivedAt(Instant.parse("2023-01-01T00:00:00Z"))
                        .build(),
                AppealStatus.RECEIVED,
                open.statusAt());
        Open311Query all = new Open311Query(
                List.of(),
                Set.of(),
                Instant.parse("2024-03-01T00:00:00Z"),
                Instant.parse("2024-05-31T00:00:00Z"),
                Set.of(),
                1000);
        JsonArray out = new JsonArray(
                adapter.renderRequests(all, List.of(open, closed, old)).bodyText());
        assertThat(out.stream().map(o -> ((JsonObject) o).getString("service_request_id")))
                .containsExactly("BJ2", "BJ20240530-000123");
        Open311Query onlyOpen = new Open311Query(List.of(), Set.of("0301"), all.start(), all.end(), Set.of("open"), 1);
        assertThat(new JsonArray(adapter.renderRequests(onlyOpen, List.of(open, closed, old))
                        .bodyText()))
                .hasSize(1);
        Open311Query otherService = new Open311Query(List.of(), Set.of("0101"), all.start(), all.end(), Set.of(), 10);
        assertThat(new JsonArray(
                        adapter.renderRequests(otherService, List.of(open)).bodyText()))
                .isEmpty();
        Open311Query eitherService =
                new Open311Query(List.of(), Set.of("0101", "0301"), all.start(), all.end(), Set.of(), 10);
        assertThat(new JsonArray(
                        adapter.renderRequests(eitherService, List.of(open)).bodyText()))
                .hasSize(1);
        // the filter runs before the limit: the newest request is closed, the open one is still found
        Open311Query firstOpen = new Open311Query(List.of(), Set.of(), all.start(), all.end(), Set.of("open"), 1);
        assertThat(new JsonArray(adapter.renderRequests(firstOpen, List.of(closed, open))
                                .bodyText())
                        .getJsonObject(0)
                        .getString("service_request_id"))
                .isEqualTo("BJ20240530-000123");
        Open311Query byId = new Open311Query(List.of("BJ3"), Set.of(), all.start(), all.end(), Set.of(), 10);
        assertThat(new JsonArray(
                        adapter.renderRequests(byId, List.of(open, closed, old)).bodyText()))
                .hasSize(1);
    }

    private static AppealRecord record(boolean confidential, Crs crs, AppealStatus status) {
        Instant received = Instant.parse("2024-05-30T02:00:05Z");
        Intake in = Intake.builder()
                .intakeId("01HZ2Y8Q6V3J7K9M2N4P6R8T0W")
                .appealNo("BJ20240530-000123")
                .channel(Channel.OPEN311)
                .channelAccount("web-portal")
                .channelMessageId("req:1")
                .receivedAt(received)
                .title("楼道照明")
                .content("楼道照明灯已损坏一周，夜间老人上下楼不安全。")
                .attachments(List.of(new Attachment("IMAGE", "wechat-media:x", null, null, -1)))
                .citizen(new Citizen(null, "李明", "13800138000", null, null, confidential))
                .location(new Location("北京市朝阳区望京街道阜通东大街6号院3号楼", 39.996542, 116.480623, crs, null, null, null))
                .dueAt(received.plus(Duration.ofDays(7)))
                .build();
        return new AppealRecord(in, status, Instant.parse("2024-05-30T02:04:51Z"));
    }
}

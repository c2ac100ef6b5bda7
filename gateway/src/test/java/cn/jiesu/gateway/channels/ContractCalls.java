package cn.jiesu.gateway.channels;

import static org.assertj.core.api.Assertions.assertThat;

import cn.jiesu.channels.FormData;
import cn.jiesu.gateway.support.TestServices;
import cn.jiesu.gateway.support.WebFormSession;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The requests OpenApiContractIT sends, area by area: each documented operation called the way a client should and
 * at least once wrongly, every exchange checked against the document. Collects the departures and, per operation,
 * the statuses seen.
 */
final class ContractCalls {

    private final ChannelGateway gw;
    private final OpenApiContract contract;
    final List<String> problems = new ArrayList<>();
    final Map<String, Set<Integer>> statuses = new TreeMap<>();

    ContractCalls(ChannelGateway gw, OpenApiContract contract) {
        this.gw = gw;
        this.contract = contract;
    }

    void health() {
        call("GET", "/health", Map.of(), null, 200);
        call("GET", "/health/ready", Map.of(), null, 200);
        call("GET", "/health/live", Map.of(), null, 200);
        call("GET", "/metrics", Map.of(), null, 200);
        call("GET", "/openapi.json", Map.of(), null, 200);
        call("HEAD", "/health", Map.of(), null, 200);
    }

    void channels() {
        for (String path : List.of("/channels/weibo", "/weibo/push")) {
            call("GET", path + "?" + Signers.weiboQuery() + "&echostr=vIuz5ekD", Map.of(), null, 200);
            call("GET", path + "?signature=0000&timestamp=1&nonce=1&echostr=x", Map.of(), null, 401);
            String push = new JsonObject()
                    .put("type", "text")
                    .put("receiver_id", Long.parseLong(ChannelGateway.WEIBO_RECEIVER))
                    .put("sender_id", 2_000_000_000L + new SecureRandom().nextInt(100_000_000))
                    .put("created_at", "Thu May 30 10:00:05 +0800 2024")
                    .put("text", "望京西园三区垃圾站三天没清运了，味道很大，请处理。")
                    .put("data", new JsonObject())
                    .encode();
            call("POST", path + "?" + Signers.weiboQuery(), json(), push, 200);
            call("POST", path, json(), push, 401);
        }
        for (String path : List.of("/channels/wechat", "/wechat/push")) {
            call("GET", path + "?" + Signers.wechatQuery(now(), nonce()) + "&echostr=e1", Map.of(), null, 200);
            call("GET", path + "?signature=0&timestamp=1&nonce=1&echostr=e1", Map.of(), null, 401);
            String xml = "<xml><ToUserName><![CDATA[" + ChannelGateway.WECHAT_ACCOUNT + "]]></ToUserName>"
                    + "<FromUserName><![CDATA[oR5Gk6ZcX1aYbQ2Pq3wE4rT5yU6i]]></FromUserName><CreateTime>" + now()
                    + "</CreateTime><MsgType><![CDATA[text]]></MsgType><Content><![CDATA[小区门口井盖缺失，很危险]]>"
                    + "</Content><MsgId>" + (System.nanoTime() & Long.MAX_VALUE) + "</MsgId></xml>";
            call(
                    "POST",
                    path + "?" + Signers.wechatQuery(now(), nonce()),
                    Map.of("content-type", "text/xml"),
                    xml,
                    200);
            call(
                    "POST",
                    path + "?" + Signers.wechatQuery(now(), nonce()),
                    Map.of("content-type", "text/xml"),
                    "<x",
                    400);
        }
        String body = "{\"description\":\"望京西园三区路灯不亮\",\"category\":\"投诉\",\"phone\":\"13800138000\"}";
        call("POST", "/api/v1/appeals", appSigned(body), body, 201);
        call("POST", "/api/v1/appeals", json(), body, 401);
        String bad = "{\"description\":\"\"}";
        call("POST", "/api/v1/appeals", appSigned(bad), bad, 400);
    }

    void webForm() {
        HttpResponse<Buffer> page = call("GET", "/appeal", Map.of(), null, 200);
        WebFormSession session = WebFormSession.of(page);
        String cookie = session.cookie();
        call("GET", "/appeal/form.css", Map.of(), null, 200);
        String form = "csrf_token=" + FormData.encode(session.token()) + "&category=0301&request_type=COMPLAINT"
                + "&description=" + FormData.encode("楼道灯坏了一周，晚上看不见 " + UUID.randomUUID())
                + "&address=" + FormData.encode("朝阳区望京西园三区") + "&phone=13800138000";
        Map<String, String> headers = Map.of(
                "content-type", "application/x-www-form-urlencoded",
                "cookie", cookie,
                "accept", "text/html");
        HttpResponse<Buffer> done = call("POST", "/appeal", headers, form, 303);
        call("GET", done.getHeader("location"), Map.of("cookie", cookie), null, 200);
        call("GET", "/appeal/submitted?no=261128000001&r=x", Map.of("cookie", cookie), null, 404);
        call(
                "POST",
                "/appeal",
                Map.of("content-type", "application/x-www-form-urlencoded", "accept", "application/json"),
                "category=0301&description=abcd",
                403);
        call(
                "POST",
                "/appeal",
                Map.of("content-type", "application/x-www-form-urlencoded", "cookie", cookie, "accept", "text/html"),
                "csrf_token=" + FormData.encode(session.token()) + "&category=0301&description=ab",
                400);
    }

    void open311(String ext) {
        String b = "/open311/v2/";
        call("GET", b + "discovery." + ext, Map.of(), null, 200);
        call("GET", b + "services." + ext, Map.of(), null, 200);
        call("GET", b + "services." + ext + "?jurisdiction_id=elsewhere.example", Map.of(), null, 404);
        call("GET", b + "services/0301." + ext, Map.of(), null, 200);
        call("GET", b + "services/9999." + ext, Map.of(), null, 404);
        Map<String, String> form = Map.of("content-type", "application/x-www-form-urlencoded");
        String create = "api_key=" + ChannelGateway.OPEN311_KEY + "&service_code=0301&lat=39.996542&long=116.480623"
                + "&description=" + FormData.encode("楼道照明灯已损坏一周 " + UUID.randomUUID())
                + "&attribute%5BREQTYPE%5D=COMPLAINT&attribute%5BFLOOR%5D=3";
        HttpResponse<Buffer> created = call("POST", b + "requests." + ext, form, create, 200);
        call("POST", b + "requests." + ext, form, "service_code=0301&description=abcd", 403);
        call("GET", b + "requests." + ext, Map.of(), null, 200);
        call("GET", b + "requests." + ext + "?start_date=yesterday", Map.of(), null, 400);
        if (ext.equals("json")) {
            String id = created.bodyAsJsonArray().getJsonObject(0).getString("service_request_id");
            call("GET", b + "requests/" + id + ".json", Map.of(), null, 200);
        } else {
            Matcher m = Pattern.compile("<service_request_id>([^<]+)</service_request_id>")
                    .matcher(created.bodyAsString());
            assertThat(m.find()).isTrue();
            call("GET", b + "requests/" + m.group(1) + ".xml", Map.of(), null, 200);
        }
        call("GET", b + "requests/000000000000." + ext + "?jurisdiction_id=elsewhere.example", Map.of(), null, 404);
    }

    void caseApis() {
        String body = "{\"description\":\"小区门口井盖缺失，很危险\",\"phone\":\"13912345678\",\"callbackRequested\":true}";
        String id = call("POST", "/api/v1/appeals", appSigned(body), body, 201)
                .bodyAsJsonObject()
                .getString("intakeId");
        String other = call(
                        "POST", "/api/v1/appeals", appSigned(body.replace("井盖", "路灯")), body.replace("井盖", "路灯"), 201)
                .bodyAsJsonObject()
                .getString("intakeId");
        Map<String, String> caseAuth = Map.of("authorization", "Bearer " + TestServices.API_TOKEN);
        Map<String, String> caseJson =
                Map.of("authorization", "Bearer " + TestServices.API_TOKEN, "content-type", "application/json");
        Map<String, String> adminJson =
                Map.of("authorization", "Bearer " + ChannelGateway.ADMIN_TOKEN, "content-type", "application/json");

        call("GET", "/api/v1/intakes?phone=13912345678&limit=5", caseAuth, null, 200);
        call("GET", "/api/v1/intakes?q=" + FormData.encode("井盖"), caseAuth, null, 200);
        call("GET", "/api/v1/intakes?phone=13912345678", Map.of(), null, 401);
        call("GET", "/api/v1/intakes?limit=abc", caseAuth, null, 400);
        call("GET", "/api/v1/intakes/" + id, caseAuth, null, 200);
        call("GET", "/api/v1/intakes/no-such-intake", caseAuth, null, 404);
        call("POST", "/api/v1/intakes/" + id + "/triage", caseJson, "{\"urgency\":\"IMMEDIATE\",\"by\":\"8001\"}", 200);
        call("POST", "/api/v1/intakes/" + id + "/triage", caseJson, "{\"by\":\"8001\"}", 400);
        call("GET", "/api/v1/triage/corrections", caseAuth, null, 200);
        call("GET", "/api/v1/triage/corrections?format=json&since=2026-01-01T00:00:00Z", caseAuth, null, 200);
        call("GET", "/api/v1/triage/corrections?since=never", caseAuth, null, 400);
        String at = callable().toString();
        call("POST", "/api/v1/intakes/" + id + "/callbacks", caseJson, "{\"at\":\"" + at + "\"}", 201, 200);
        call("POST", "/api/v1/intakes/" + id + "/callbacks", caseJson, "{}", 400);
        call("GET", "/api/v1/callbacks?intakeId=" + id, caseAuth, null, 200);
        call("GET", "/api/v1/callbacks?atRisk=true", caseAuth, null, 200);
        call("GET", "/api/v1/callbacks", caseAuth, null, 400);
        call(
                "POST",
                "/api/v1/intakes/" + id + "/resolution",
                caseJson,
                "{\"handledBy\":\"朝阳区望京街道\",\"result\":\"已修复\",\"resolved\":true}",
                200);
        call("POST", "/api/v1/intakes/" + id + "/resolution", caseJson, "{\"handledBy\":\"x\"}", 400);
        call("GET", "/api/v1/rates?period=week", caseAuth, null, 200);
        call("GET", "/api/v1/rates?by=district", caseAuth, null, 200);
        call("GET", "/api/v1/rates?period=year", caseAuth, null, 400);
        call("GET", "/api/v1/rates?by=street", caseAuth, null, 200);
        call("GET", "/api/v1/rates?by=street&district=" + FormData.encode("朝阳区"), caseAuth, null, 200);
        call("GET", "/api/v1/rates/ranking", caseAuth, null, 200);
        call("GET", "/api/v1/rates/ranking?month=2026-11&format=csv", caseAuth, null, 200);
        call("GET", "/api/v1/rates/ranking?month=2026-13", caseAuth, null, 400);
        call("GET", "/api/v1/rates/ranking", Map.of(), null, 401);
        call("GET", "/api/v1/problems", caseAuth, null, 200);
        call("GET", "/api/v1/problems?from=2026-01&to=2026-06&topic=water&level=street&limit=5", caseAuth, null, 200);
        call("GET", "/api/v1/problems?from=2026-07&to=2026-01", caseAuth, null, 400);
        call(
                "GET",
                "/api/v1/problems/appeals?topic=water&district=%E6%9C%9D%E9%98%B3%E5%8C%BA&month=2026-03",
                caseAuth,
                null,
                200);
        call("GET", "/api/v1/problems/appeals?topic=water", caseAuth, null, 400);
        call("GET", "/api/v1/hotspots", caseAuth, null, 200);
        call(
                "GET",
                "/api/v1/hotspots?state=open&topic=water&district=%E6%9C%9D%E9%98%B3%E5%8C%BA",
                caseAuth,
                null,
                200);
        call("GET", "/api/v1/hotspots?state=closed", caseAuth, null, 400);
        call("GET", "/api/v1/hotspots?street=a%0D%0AX-Injected:1", caseAuth, null, 400);
        call("POST", "/api/v1/intakes/" + id + "/related/" + other, adminJson, null, 200);
        call("DELETE", "/api/v1/intakes/" + id + "/related/" + other, adminJson, null, 200);
        call("POST", "/api/v1/intakes/" + id + "/related/" + id, adminJson, null, 400);
        call("DELETE", "/api/v1/intakes/" + id + "/related/" + other, caseAuth, null, 401);
        String binding = "{\"a\":\"WEIBO:2489518277\",\"b\":\"phone:13912345678\"}";
        call("POST", "/api/v1/citizen-bindings", adminJson, binding, 200);
        call("DELETE", "/api/v1/citizen-bindings", adminJson, binding, 200);
        call("POST", "/api/v1/citizen-bindings", adminJson, "{\"a\":\"x\",\"b\":\"x\"}", 400);
        call("DELETE", "/api/v1/citizen-bindings", adminJson, "{\"a\":\"WEIBO:1\"}", 400);
        call(
                "POST",
                "/admin/reload-classification",
                Map.of("authorization", "Bearer " + ChannelGateway.ADMIN_TOKEN),
                null,
                200);
        call("POST", "/admin/reload-classification", Map.of(), null, 401);
    }

    void console() {
        String origin = "http://127.0.0.1:" + gw.port();
        call("GET", "/console", Map.of(), null, 302);
        call("GET", "/console/", Map.of(), null, 200);
        call("GET", "/console/app.js", Map.of(), null, 200);
        call("GET", "/console/api/me", Map.of(), null, 401);
        Map<String, String> json = Map.of("content-type", "application/json", "origin", origin);
        call("POST", "/console/api/login", json, "{\"ext\":\"8001\",\"password\":\"wrong\"}", 401);
        call("POST", "/console/api/login", json, "{\"ext\":8001}", 400);
        call("POST", "/console/api/login", json, "{\"extension\":\"8001\",\"password\":\"x\"}", 400);
        HttpResponse<Buffer> in =
                call("POST", "/console/api/login", json, "{\"ext\":\"8001\",\"password\":\"secret-8001\"}", 200);
        String session = in.cookies().stream()
                .filter(c -> c.startsWith("jiesu_console="))
                .map(c -> c.substring(0, c.indexOf(';')))
                .findFirst()
                .orElseThrow();
        String csrf = in.bodyAsJsonObject().getString("csrf");
        Map<String, String> agent =
                Map.of("cookie", session, "origin", origin, "x-csrf-token", csrf, "content-type", "application/json");
        call("GET", "/console/api/me", Map.of("cookie", session), null, 200);
        call("GET", "/console/ws", Map.of("cookie", session), null, 400);
        call("GET", "/console/api/wallboard", Map.of("cookie", session), null, 403);
        call("GET", "/console/api/hotspots", Map.of(), null, 401);
        call("GET", "/console/api/hotspots", Map.of("cookie", session), null, 200);
        call("GET", "/console/api/hotspots?address=x", Map.of("cookie", session), null, 400);
        call(
                "POST",
                "/console/api/hotspots/match",
                agent,
                new io.vertx.core.json.JsonObject()
                        .put("address", "朝阳区望京街道")
                        .put("content", "停水了".repeat(1000))
                        .encode(),
                200);
        call("POST", "/console/api/hotspots/match", agent, "{\"address\":\"" + "x".repeat(501) + "\"}", 400);
        call("POST", "/console/api/hotspots/match", agent, "{\"content\":5}", 400);
        call("POST", "/console/api/hotspots/match", Map.of("cookie", session, "origin", origin), "{}", 403);
        call("POST", "/console/api/state", agent, "{\"state\":\"PAUSED\"}", 200);
        call("POST", "/console/api/state", agent, "{\"state\":\"ASLEEP\"}", 400);
        call(
                "POST",
                "/console/api/pops/no-such-pop/form",
                agent,
                "{\"content\":\"路灯不亮\",\"requestType\":\"REPORT\",\"urgency\":\"NORMAL\"}",
                404);
        call("POST", "/console/api/dial", agent, "{\"number\":\"not a number\"}", 400);
        Map<String, String> noCsrf = Map.of("cookie", session, "origin", origin, "content-type", "application/json");
        call("POST", "/console/api/logout", noCsrf, "{}", 403);
        call("POST", "/console/api/logout", agent, "{}", 200);

        HttpResponse<Buffer> sup =
                call("POST", "/console/api/login", json, "{\"ext\":\"8100\",\"password\":\"secret-8100\"}", 200);
        String supSession = sup.cookies().stream()
                .filter(c -> c.startsWith("jiesu_console="))
                .map(c -> c.substring(0, c.indexOf(';')))
                .findFirst()
                .orElseThrow();
        call("GET", "/console/api/wallboard", Map.of("cookie", supSession), null, 200);
    }

    String signIn(String ext, String password) {
        HttpResponse<Buffer> in = gw.http
                .post(gw.port(), "127.0.0.1", "/console/api/login")
                .putHeader("content-type", "application/json")
                .putHeader("origin", "http://127.0.0.1:" + gw.port())
                .sendBuffer(Buffer.buffer(new JsonObject()
                        .put("ext", ext)
                        .put("password", password)
                        .encode()))
                .await();
        assertThat(in.statusCode()).isEqualTo(200);
        return in.cookies().stream()
                .filter(c -> c.startsWith("jiesu_console="))
                .map(c -> c.substring(0, c.indexOf(';')))
                .findFirst()
                .orElseThrow();
    }

    /** Sends one request, checks it and its answer against the document, and that the status is one expected. */
    HttpResponse<Buffer> call(String method, String path, Map<String, String> headers, String body, int... expected) {
        HttpRequest<Buffer> req = gw.http.request(HttpMethod.valueOf(method), gw.port(), "127.0.0.1", path);
        headers.forEach(req::putHeader);
        byte[] bytes = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
        HttpResponse<Buffer> r = (body == null ? req.send() : req.sendBuffer(Buffer.buffer(bytes))).await();
        MultiMap sent = MultiMap.caseInsensitiveMultiMap().addAll(headers);
        problems.addAll(contract.check(method, path, sent, bytes, r));
        String p = path.contains("?") ? path.substring(0, path.indexOf('?')) : path;
        contract.operation(method, p)
                .ifPresent(op ->
                        statuses.computeIfAbsent(op.id(), k -> new TreeSet<>()).add(r.statusCode()));
        boolean ok = false;
        for (int e : expected) {
            ok |= r.statusCode() == e;
        }
        if (!ok) {
            problems.add(method + " " + path + ": expected " + Arrays.toString(expected) + ", got " + r.statusCode()
                    + " " + r.bodyAsString());
        }
        return r;
    }

    private Map<String, String> appSigned(String body) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        HttpRequest<Buffer> dummy = gw.http.post(gw.port(), "127.0.0.1", "/api/v1/appeals");
        Signers.signApp(dummy, "/api/v1/appeals", bytes);
        Map<String, String> out = new TreeMap<>();
        dummy.headers().forEach(e -> out.put(e.getKey(), e.getValue()));
        return out;
    }

    /** Ten minutes from now, or 08:30 Beijing time when that falls in the shipped quiet hours (21:00 to 08:00). */
    private static Instant callable() {
        ZoneId beijing = ZoneId.of("Asia/Shanghai");
        ZonedDateTime at = ZonedDateTime.now(beijing).plusMinutes(10);
        if (at.getHour() >= 20 || at.getHour() < 8) {
            at = at.plusHours(at.getHour() >= 20 ? 24 : 0).with(LocalTime.of(8, 30));
        }
        return at.toInstant();
    }

    private static Map<String, String> json() {
        return Map.of("content-type", "application/json");
    }

    private static long now() {
        return System.currentTimeMillis() / 1000;
    }

    private static String nonce() {
        return Long.toString(new SecureRandom().nextInt(1_000_000_000));
    }
}

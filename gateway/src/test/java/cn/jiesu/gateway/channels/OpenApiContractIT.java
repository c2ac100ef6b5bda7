package cn.jiesu.gateway.channels;

import static org.assertj.core.api.Assertions.assertThat;

import cn.jiesu.core.console.PasswordHasher;
import cn.jiesu.gateway.support.TestServices;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The OpenAPI document against the live gateway on the real Redis: every documented operation is called, once the
 * way a client should (2xx/3xx) and once wrongly (4xx), and each request and answer is checked against the
 * document (status documented, required headers, media type, body schema; the calls are in {@link ContractCalls}).
 * The router's routes and the document's paths must be the same set, and a method the document does not list must be
 * a 405 whose Allow lists the ones it does. A change to a route's answers, or a route or operation the document does
 * not have, fails here; so does a document entry no live request reaches.
 */
class OpenApiContractIT {
    /**
     * Operations whose success this gateway cannot give without the phone system: a screen-pop exists only once
     * a call reached an agent (ConsoleHttpIT covers the form), click-to-call and the WebSocket need a session on
     * AMI and an upgrade (ConsoleBrowserIT, ConsoleLabIT). Their refusals are still checked.
     */
    private static final Set<String> NO_SUCCESS_HERE = Set.of("consoleSaveForm", "consoleDial", "consoleSocket");
    /** Operations that take no input at all: nothing a client sends can be refused. */
    private static final Set<String> NO_REFUSAL = Set.of(
            "health",
            "ready",
            "live",
            "metrics",
            "openapi",
            "webForm",
            "webFormCss",
            "consoleRedirect",
            "consolePage",
            "consoleAsset",
            "open311DiscoveryJson",
            "open311DiscoveryXml");

    private static ChannelGateway gw;
    private static OpenApiContract contract;
    private static ContractCalls calls;

    @BeforeAll
    static void start() {
        Map<String, String> env = ChannelGateway.env(Map.of(
                "JIESU_CONSOLE_ENABLED", "true",
                "JIESU_CONSOLE_SIGN_IN_HASH_ITERATIONS", Integer.toString(PasswordHasher.MIN_ITERATIONS),
                "JIESU_CONSOLE_SIGN_IN_CHECKS_PER_SECOND", "1000"));
        gw = ChannelGateway.start(env, operatorFile());
        contract = new OpenApiContract();
        calls = new ContractCalls(gw, contract);
    }

    @AfterAll
    static void stop() {
        if (gw != null) {
            gw.close();
        }
    }

    /** The channel ITs' operator file plus two console accounts (an agent and a supervisor). */
    private static Path operatorFile() {
        try {
            Path p = ChannelGateway.operatorFile();
            PasswordHasher hasher = new PasswordHasher(new SecureRandom());
            String yaml = Files.readString(p) + "console:\n  agents:\n"
                    + "    \"8001\": {name: 王芳, role: agent, password-hash: \""
                    + hasher.hash("secret-8001".toCharArray(), PasswordHasher.MIN_ITERATIONS) + "\"}\n"
                    + "    \"8100\": {name: 张主管, role: supervisor, password-hash: \""
                    + hasher.hash("secret-8100".toCharArray(), PasswordHasher.MIN_ITERATIONS) + "\"}\n";
            Files.writeString(p, yaml);
            return p;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    @DisplayName("the served document is the checked-in OpenAPI 3.1 file, well-formed")
    void served() {
        HttpResponse<Buffer> r = calls.call("GET", "/openapi.json", Map.of(), null, 200);
        assertThat(r.getHeader("content-type")).startsWith("application/json");
        assertThat(r.bodyAsString()).isEqualTo(contract.text);
        assertThat(calls.problems).isEmpty();
        assertThat(contract.doc.getString("openapi")).isEqualTo("3.1.0");
        assertThat(contract.parserMessages()).isEmpty();
        // The checks bite: wrong bodies against a component, a shared response and an inline request schema.
        assertThat(contract.validate("#/components/schemas/Appeal", "{}")).isNotEmpty();
        assertThat(contract.validate(
                        "#/components/responses/Api400/content/application~1json/schema", "{\"error\":{}}"))
                .isNotEmpty();
        assertThat(contract.validate(
                        "#/paths/~1api~1v1~1appeals/post/requestBody/content/application~1json/schema",
                        "{\"description\":5}"))
                .isNotEmpty();
        assertThat(contract.validate("#/components/parameters/X-Intake-Nonce/schema", "\"short\""))
                .isNotEmpty();
        assertThat(OpenApiContract.xmlProblem("<errors><error>".getBytes(StandardCharsets.UTF_8)))
                .isPresent();
        assertThat(contract.validate(
                        "#/components/schemas/Created",
                        "{\"intakeId\":\"01M96C65M05N2FYQ6DNQC74T5X\",\"appealNo\":\"261206000001\"}"))
                .isEmpty();
    }

    @Test
    @DisplayName("every route the router has is documented, and every documented path is a route")
    void routesDocumented() {
        List<String> missing = new ArrayList<>();
        Set<String> routed = new TreeSet<>();
        for (var route : gw.gateway.routes()) {
            String template = RouteTemplates.template(route);
            if (template == null) {
                continue; // a handler for every path (body, timeout, errors)
            }
            routed.add(template);
            Set<HttpMethod> methods = route.methods();
            if (template.endsWith("/*")) {
                // A prefix route (guards, headers, static files): something under it must be documented.
                String prefix = template.substring(0, template.length() - 1);
                if (contract.templates().stream().noneMatch(t -> t.path().startsWith(prefix))) {
                    missing.add(template + " (nothing documented under it)");
                }
                continue;
            }
            JsonObject item = contract.doc.getJsonObject("paths").getJsonObject(template);
            if (item == null) {
                missing.add(template + " is not documented");
                continue;
            }
            if (methods != null) {
                for (HttpMethod m : methods) {
                    if (m != HttpMethod.HEAD
                            && m != HttpMethod.OPTIONS
                            && !item.containsKey(m.name().toLowerCase())) {
                        missing.add(m + " " + template + " is not documented");
                    }
                }
            }
        }
        assertThat(routed).contains("/api/v1/intakes/{id}", "/open311/v2/services/{code}.json", "/console/*");
        assertThat(missing).isEmpty();
        List<String> stale = contract.templates().stream()
                .map(OpenApiContract.Template::path)
                .filter(p -> !routed.contains(p) && routed.stream().noneMatch(r -> RouteTemplates.covers(r, p)))
                .toList();
        assertThat(stale).as("documented paths no route serves").isEmpty();
    }

    @Test
    @DisplayName("every documented operation, called well and badly, answers as documented")
    void everyOperation() {
        calls.health();
        calls.channels();
        calls.webForm();
        calls.open311("json");
        calls.open311("xml");
        calls.caseApis();
        calls.console();

        assertThat(calls.problems).isEmpty();
        List<String> untested = new ArrayList<>();
        forEachOperation((id, path) -> {
            Set<Integer> seen = calls.statuses.getOrDefault(id, Set.of());
            if (!NO_SUCCESS_HERE.contains(id) && seen.stream().noneMatch(s -> s < 400)) {
                untested.add(id + " (" + path + "): no success, saw " + seen);
            }
            if (!NO_REFUSAL.contains(id) && seen.stream().noneMatch(s -> s >= 400 && s < 500)) {
                untested.add(id + " (" + path + "): no 4xx, saw " + seen);
            }
        });
        System.out.println("openapi contract: statuses by operation " + calls.statuses);
        assertThat(untested).isEmpty();
    }

    @Test
    @DisplayName("a method the document does not list for a path is 405, and Allow names exactly the documented ones")
    void undocumentedMethods() {
        String session = calls.signIn("8100", "secret-8100");
        List<String> wrong = new ArrayList<>();
        JsonObject paths = contract.doc.getJsonObject("paths");
        for (String template : paths.fieldNames()) {
            String path = template.replaceAll("\\{(id|otherId)}", "01M96C65M05N2FYQ6DNQC74T5X")
                    .replace("{code}", "0301")
                    .replace("{popId}", "p1")
                    .replace("{file}", "app.js");
            HttpResponse<Buffer> r = gw.http
                    .request(HttpMethod.PATCH, gw.port(), "127.0.0.1", path)
                    .putHeader("authorization", "Bearer " + TestServices.API_TOKEN)
                    .putHeader("cookie", session)
                    .send()
                    .await();
            Set<String> documented = new TreeSet<>();
            paths.getJsonObject(template).fieldNames().forEach(m -> documented.add(m.toUpperCase()));
            JsonObject get = paths.getJsonObject(template).getJsonObject("get");
            if (get != null && !get.getBoolean("x-jiesu-no-head", false)) {
                documented.add("HEAD");
            }
            Set<String> allowed = new TreeSet<>();
            String allow = r.getHeader("Allow");
            if (allow != null) {
                for (String m : allow.split(",")) {
                    allowed.add(m.strip());
                }
            }
            if (r.statusCode() != 405 || !allowed.equals(documented)) {
                wrong.add("PATCH " + path + " -> " + r.statusCode() + " Allow " + allow + ", documented " + documented);
            }
        }
        assertThat(wrong).isEmpty();
    }

    private static void forEachOperation(java.util.function.BiConsumer<String, String> each) {
        JsonObject paths = contract.doc.getJsonObject("paths");
        for (String p : paths.fieldNames()) {
            for (String m : paths.getJsonObject(p).fieldNames()) {
                each.accept(paths.getJsonObject(p).getJsonObject(m).getString("operationId"), m + " " + p);
            }
        }
    }
}

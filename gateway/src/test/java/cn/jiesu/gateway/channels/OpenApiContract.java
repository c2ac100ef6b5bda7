package cn.jiesu.gateway.channels;

import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.xml.sax.SAXException;
import org.xml.sax.helpers.DefaultHandler;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The gateway's OpenAPI document (the jar's {@code openapi.json}) as a checker of live exchanges: which operation a
 * request is, whether its body fits the documented request schema, whether the answer's status, headers, media type
 * and body are documented. swagger-parser checks the document is well-formed OpenAPI 3.1; the bodies are validated by
 * networknt's JSON Schema 2020-12 validator (swagger-request-validator knows only the 3.0 dialect of schemas).
 */
final class OpenApiContract {
    /** Where the document is registered for $ref resolution; never fetched. */
    private static final String BASE = "https://jiesu.invalid/openapi.json";

    final String text;
    final JsonObject doc;
    private final SchemaRegistry schemas;
    private final List<Template> templates;
    private final JsonMapper mapper = JsonMapper.builder().build();

    /** One documented path: its template, and a regex for concrete paths. */
    record Template(String path, Pattern regex, int params) {}

    /** A documented operation met by a concrete request. */
    record Operation(String path, String method, JsonObject spec) {
        String id() {
            return spec.getString("operationId");
        }
    }

    OpenApiContract() {
        try (InputStream in = OpenApiContract.class.getResourceAsStream("/openapi.json")) {
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        doc = new JsonObject(text);
        schemas = SchemaRegistry.withDefaultDialect(
                SpecificationVersion.DRAFT_2020_12, b -> b.schemas(Map.of(BASE, text)));
        List<Template> list = new ArrayList<>();
        for (String p : doc.getJsonObject("paths").fieldNames()) {
            StringBuilder regex = new StringBuilder();
            int params = 0;
            for (String part : p.split("(?=\\{)|(?<=\\})")) {
                if (part.startsWith("{")) {
                    regex.append("[^/]+");
                    params++;
                } else {
                    regex.append(Pattern.quote(part));
                }
            }
            list.add(new Template(p, Pattern.compile(regex.toString()), params));
        }
        // A literal path wins over a template that also matches it (/console/ws over /console/{file}).
        list.sort(Comparator.comparingInt(Template::params));
        templates = List.copyOf(list);
    }

    /** swagger-parser's complaints about the document; none when it is well-formed OpenAPI 3.1. */
    List<String> parserMessages() {
        ParseOptions options = new ParseOptions();
        options.setResolve(true);
        var result = new OpenAPIV3Parser().readContents(text, null, options);
        List<String> out = new ArrayList<>(result.getMessages() == null ? List.of() : result.getMessages());
        if (result.getOpenAPI() == null) {
            out.add("not parsed at all");
        } else if (!"3.1.0".equals(result.getOpenAPI().getOpenapi())) {
            out.add("not OpenAPI 3.1.0: " + result.getOpenAPI().getOpenapi());
        }
        return out;
    }

    List<Template> templates() {
        return templates;
    }

    /** The documented operation for {@code method} on the concrete {@code path} (HEAD is GET's). */
    Optional<Operation> operation(String method, String path) {
        String m = method.equalsIgnoreCase("HEAD") ? "get" : method.toLowerCase(Locale.ROOT);
        for (Template t : templates) {
            if (t.regex().matcher(path).matches()) {
                JsonObject item = doc.getJsonObject("paths").getJsonObject(t.path());
                return item.containsKey(m)
                        ? Optional.of(new Operation(t.path(), m, item.getJsonObject(m)))
                        : Optional.empty();
            }
        }
        return Optional.empty();
    }

    /**
     * Every way the exchange departs from the document. The request is held to it only when the gateway took it
     * (2xx/3xx): the 4xx cases send what the document forbids on purpose.
     */
    List<String> check(
            String method, String pathAndQuery, MultiMap requestHeaders, byte[] requestBody, HttpResponse<Buffer> r) {
        List<String> problems = new ArrayList<>();
        String path = pathAndQuery.contains("?") ? pathAndQuery.substring(0, pathAndQuery.indexOf('?')) : pathAndQuery;
        String query = pathAndQuery.contains("?") ? pathAndQuery.substring(pathAndQuery.indexOf('?') + 1) : "";
        Optional<Operation> found = operation(method, path);
        if (found.isEmpty()) {
            return List.of(method + " " + path + " is not documented");
        }
        Operation op = found.get();
        String where = method + " " + path + " (" + op.id() + ") -> " + r.statusCode() + ": ";
        if (r.statusCode() < 400) {
            checkRequest(op, query, requestHeaders, requestBody).forEach(p -> problems.add(where + "request " + p));
        }
        JsonObject responses = op.spec().getJsonObject("responses");
        String status = Integer.toString(r.statusCode());
        String key = responses.containsKey(status) ? status : responses.containsKey("default") ? "default" : null;
        if (key == null) {
            problems.add(where + "status not documented (" + abbreviate(r.bodyAsString()) + ")");
            return problems;
        }
        JsonObject response = deref(responses.getJsonObject(key));
        String pointer = pointerOf(op, key, responses.getJsonObject(key));
        JsonObject headers = response.getJsonObject("headers", new JsonObject());
        for (String h : headers.fieldNames()) {
            JsonObject spec = deref(headers.getJsonObject(h));
            if (spec.getBoolean("required", false) && r.getHeader(h) == null) {
                problems.add(where + "header " + h + " is required");
            }
        }
        byte[] body = r.body() == null ? new byte[0] : r.body().getBytes();
        if (body.length == 0 || method.equalsIgnoreCase("HEAD")) {
            return problems;
        }
        JsonObject content = response.getJsonObject("content");
        if (content == null) {
            problems.add(where + "a body where none is documented: " + abbreviate(r.bodyAsString()));
            return problems;
        }
        String type = mediaType(r.getHeader("content-type"));
        String media = matchMedia(content, type);
        if (media == null) {
            problems.add(where + "content type " + type + " not among " + content.fieldNames());
            return problems;
        }
        if (isJson(media)) {
            validate(pointer + "/content/" + escape(media) + "/schema", new String(body, StandardCharsets.UTF_8))
                    .forEach(e -> problems.add(where + "body " + e));
        } else if (media.endsWith("/xml")) {
            xmlProblem(body).ifPresent(e -> problems.add(where + "body is not well-formed XML: " + e));
        }
        return problems;
    }

    private List<String> checkRequest(Operation op, String query, MultiMap headers, byte[] body) {
        List<String> problems = new ArrayList<>();
        Map<String, List<String>> q = decodeForm(query);
        JsonArray parameters = op.spec().getJsonArray("parameters", new JsonArray());
        for (int i = 0; i < parameters.size(); i++) {
            JsonObject raw = parameters.getJsonObject(i);
            JsonObject p = deref(raw);
            String name = p.getString("name");
            List<String> values = switch (p.getString("in")) {
                case "query" -> q.getOrDefault(name, List.of());
                case "header" -> headers.getAll(name);
                default -> null; // path parameters: the template matched
            };
            if (values == null) {
                continue;
            }
            if (values.isEmpty() && p.getBoolean("required", false)) {
                problems.add("lacks the required " + p.getString("in") + " parameter " + name);
            }
            String schema = raw.containsKey("$ref")
                    ? raw.getString("$ref") + "/schema"
                    : "#/paths/" + escape(op.path()) + "/" + op.method() + "/parameters/" + i + "/schema";
            for (String v : values) {
                validate(schema, Json.encode(v)).forEach(e -> problems.add(p.getString("in") + " " + name + " " + e));
            }
        }
        JsonObject requestBody = op.spec().getJsonObject("requestBody");
        if (requestBody == null || body == null || body.length == 0) {
            if (requestBody != null && requestBody.getBoolean("required", false)) {
                problems.add("lacks its required body");
            }
            return problems;
        }
        JsonObject content = requestBody.getJsonObject("content");
        String type = mediaType(headers.get("content-type"));
        String media = matchMedia(content, type);
        if (media == null) {
            problems.add("content type " + type + " not among " + content.fieldNames());
            return problems;
        }
        String pointer = "#/paths/" + escape(op.path()) + "/" + op.method() + "/requestBody/content/" + escape(media)
                + "/schema";
        String text = new String(body, StandardCharsets.UTF_8);
        if (isJson(media)) {
            validate(pointer, text).forEach(e -> problems.add("body " + e));
        } else if (media.equals("application/x-www-form-urlencoded")) {
            JsonObject form = new JsonObject();
            decodeForm(text).forEach((k, v) -> form.put(k, v.size() == 1 ? v.get(0) : new JsonArray(v)));
            validate(pointer, form.encode()).forEach(e -> problems.add("form " + e));
        }
        return problems;
    }

    /** The JSON Schema errors of {@code json} against the schema at {@code pointer} of the document. */
    List<String> validate(String pointer, String json) {
        Schema schema = schemas.getSchema(SchemaLocation.of(BASE + pointer));
        JsonNode node;
        try {
            node = mapper.readTree(json);
        } catch (RuntimeException e) {
            return List.of("is not JSON: " + abbreviate(json));
        }
        List<Error> errors = schema.validate(node, ctx -> ctx.executionConfig(c -> c.formatAssertionsEnabled(true)));
        return errors.stream().map(e -> e + " in " + abbreviate(json)).toList();
    }

    /** Why the bytes are not a well-formed XML document (parsed with DTDs and external entities off), if so. */
    static Optional<String> xmlProblem(byte[] body) {
        try {
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            f.setExpandEntityReferences(false);
            DocumentBuilder b = f.newDocumentBuilder();
            b.setErrorHandler(new DefaultHandler()); // throws on errors instead of printing them
            b.parse(new ByteArrayInputStream(body));
            return Optional.empty();
        } catch (ParserConfigurationException | SAXException | IOException e) {
            return Optional.of(e.getMessage());
        }
    }

    /** A {@code $ref} to components followed, else the object itself. */
    JsonObject deref(JsonObject o) {
        String ref = o.getString("$ref");
        if (ref == null) {
            return o;
        }
        JsonObject at = doc;
        for (String part : ref.substring(2).split("/")) {
            at = at.getJsonObject(part.replace("~1", "/").replace("~0", "~"));
        }
        return at;
    }

    private String pointerOf(Operation op, String status, JsonObject response) {
        String ref = response.getString("$ref");
        return ref != null ? ref : "#/paths/" + escape(op.path()) + "/" + op.method() + "/responses/" + status;
    }

    private static String matchMedia(JsonObject content, String type) {
        if (content.containsKey(type)) {
            return type;
        }
        return content.containsKey("*/*") ? "*/*" : null;
    }

    private static boolean isJson(String media) {
        return media.equals("application/json");
    }

    static String mediaType(String header) {
        if (header == null) {
            return "";
        }
        int semi = header.indexOf(';');
        return (semi < 0 ? header : header.substring(0, semi)).strip().toLowerCase(Locale.ROOT);
    }

    static String escape(String pointerPart) {
        return pointerPart.replace("~", "~0").replace("/", "~1");
    }

    static Map<String, List<String>> decodeForm(String s) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        if (s == null || s.isEmpty()) {
            return out;
        }
        for (String pair : s.split("&")) {
            int eq = pair.indexOf('=');
            String k = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String v = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            out.computeIfAbsent(k, x -> new ArrayList<>()).add(v);
        }
        return out;
    }

    private static String abbreviate(String s) {
        return s == null || s.length() <= 300 ? s : s.substring(0, 300) + "…";
    }
}

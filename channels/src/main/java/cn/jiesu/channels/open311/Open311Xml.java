package cn.jiesu.channels.open311;

import cn.jiesu.channels.HttpReply;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.regex.Pattern;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * The GeoReport v2 XML form of our JSON replies. The spec makes XML the required format and derives its JSON from
 * the XML by the "Spark convention" (a list element becomes an array of its items, one element per key), so the
 * XML is recovered from the JSON we already render in the spec's shape by naming the list elements:
 * {@code services/service}, {@code service_requests/request}, {@code errors/error}, and inside them
 * {@code endpoints/endpoint}, {@code formats/format}, {@code attributes/attribute}, {@code values/value}. A null
 * becomes an empty element, as in the spec's examples ({@code <account_id/>}).
 */
public final class Open311Xml {
    /** What the spec's discovery example lists for XML. */
    public static final String CONTENT_TYPE = "text/xml; charset=utf-8";

    /** The spec's names for the items of each list element. */
    private static final Map<String, String> ITEMS = Map.of(
            "services",
            "service",
            "service_requests",
            "request",
            "errors",
            "error",
            "endpoints",
            "endpoint",
            "formats",
            "format",
            "attributes",
            "attribute",
            "values",
            "value");

    private static final XMLOutputFactory OUTPUT = XMLOutputFactory.newFactory();
    private static final Pattern NOT_XML =
            Pattern.compile("[\\x00-\\x08\\x0B\\x0C\\x0E-\\x1F\\uFFFE\\uFFFF]|[\\uD800-\\uDBFF](?![\\uDC00-\\uDFFF])"
                    + "|(?<![\\uD800-\\uDBFF])[\\uDC00-\\uDFFF]");

    private Open311Xml() {}

    /** The resource a path names, by its file name: the root element of its XML reply. */
    public enum Resource {
        DISCOVERY("discovery"),
        SERVICES("services"),
        SERVICE_DEFINITION("service_definition"),
        REQUESTS("service_requests");

        private final String root;

        Resource(String root) {
            this.root = root;
        }
    }

    /**
     * {@code reply} (our JSON for {@code resource}) as XML. Error replies (4xx/5xx, the spec's array of
     * {@code {code, description}}) become {@code <errors>}; a reply that is not JSON is returned unchanged.
     */
    public static HttpReply convert(HttpReply reply, Resource resource) {
        if (!reply.contentType().startsWith("application/json")) {
            return reply;
        }
        Object json;
        try {
            json = Json.decodeValue(reply.bodyText());
        } catch (DecodeException e) {
            return reply;
        }
        String root = reply.status() >= 400 ? "errors" : resource.root;
        try {
            StringWriter out = new StringWriter();
            XMLStreamWriter xml = OUTPUT.createXMLStreamWriter(out);
            xml.writeStartDocument("utf-8", "1.0");
            element(xml, root, json);
            xml.writeEndDocument();
            xml.close();
            return new HttpReply(
                    reply.status(), CONTENT_TYPE, out.toString().getBytes(StandardCharsets.UTF_8), reply.headers());
        } catch (XMLStreamException e) {
            throw new IllegalStateException("cannot write Open311 XML", e);
        }
    }

    private static void element(XMLStreamWriter xml, String name, Object value) throws XMLStreamException {
        if (value == null) {
            xml.writeEmptyElement(name);
            return;
        }
        xml.writeStartElement(name);
        switch (value) {
            case JsonObject o -> {
                for (Map.Entry<String, Object> e : o) {
                    element(xml, e.getKey(), e.getValue());
                }
            }
            case JsonArray a -> {
                String item = ITEMS.getOrDefault(name, "item");
                for (Object v : a) {
                    element(xml, item, v);
                }
            }
            default -> xml.writeCharacters(text(value));
        }
        xml.writeEndElement();
    }

    /**
     * Numbers without exponent (coordinates), booleans as true/false, and text without the characters XML 1.0
     * cannot carry at all (control characters a citizen's text may hold), which would make the document unreadable.
     */
    private static String text(Object value) {
        if (value instanceof Double d) {
            return BigDecimal.valueOf(d).stripTrailingZeros().toPlainString();
        }
        return NOT_XML.matcher(String.valueOf(value)).replaceAll("\uFFFD");
    }
}

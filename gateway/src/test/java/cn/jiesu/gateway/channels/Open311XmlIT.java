package cn.jiesu.gateway.channels;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.client.HttpResponse;
import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/** Open311 GeoReport v2 in XML, the spec's required format: the same resources and errors as the JSON ones. */
class Open311XmlIT {
    private static final String BASE = "/open311/v2";

    @RegisterExtension
    static final ChannelGateway gw = ChannelGateway.perClass(Map.of());

    private HttpResponse<Buffer> get(String path) {
        return gw.http.get(gw.port(), "127.0.0.1", BASE + path).send().await();
    }

    private HttpResponse<Buffer> postForm(String path, byte[] body) {
        return gw.http
                .post(gw.port(), "127.0.0.1", BASE + path)
                .putHeader("content-type", "application/x-www-form-urlencoded; charset=utf-8")
                .sendBuffer(Buffer.buffer(body))
                .await();
    }

    /** The reply parsed as XML (DTDs refused), after checking it is XML in UTF-8. */
    private static Element xml(HttpResponse<Buffer> r) throws Exception {
        assertThat(r.getHeader("content-type")).isEqualTo("text/xml; charset=utf-8");
        assertThat(r.bodyAsString()).startsWith("<?xml version=\"1.0\" encoding=\"utf-8\"?>");
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
        Document d =
                f.newDocumentBuilder().parse(new ByteArrayInputStream(r.body().getBytes()));
        return d.getDocumentElement();
    }

    private static List<Element> children(Element e) {
        List<Element> out = new ArrayList<>();
        for (Node n = e.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element c) {
                out.add(c);
            }
        }
        return out;
    }

    private static List<String> names(Element e) {
        return children(e).stream().map(Element::getTagName).toList();
    }

    private static String text(Element e, String child) {
        return children(e).stream()
                .filter(c -> c.getTagName().equals(child))
                .findFirst()
                .map(Element::getTextContent)
                .orElseThrow(() -> new AssertionError("no <" + child + ">"));
    }

    private static void assertError(HttpResponse<Buffer> r, int status, String descriptionStart) throws Exception {
        assertThat(r.statusCode()).isEqualTo(status);
        Element errors = xml(r);
        assertThat(errors.getTagName()).isEqualTo("errors");
        assertThat(names(errors)).containsExactly("error");
        Element error = children(errors).getFirst();
        assertThat(names(error)).containsExactly("code", "description");
        assertThat(text(error, "code")).isEqualTo(Integer.toString(status));
        assertThat(text(error, "description")).startsWith(descriptionStart);
    }

    @Test
    @DisplayName("discovery, services and a service definition in the spec's XML elements")
    void discoveryAndServices() throws Exception {
        Element discovery = xml(get("/discovery.xml"));
        assertThat(discovery.getTagName()).isEqualTo("discovery");
        assertThat(names(discovery)).containsExactly("changeset", "contact", "key_service", "endpoints");
        Element endpoint = children(children(discovery).get(3)).getFirst();
        assertThat(endpoint.getTagName()).isEqualTo("endpoint");
        assertThat(text(endpoint, "specification")).isEqualTo("http://wiki.open311.org/GeoReport_v2");
        Element formats = children(endpoint).stream()
                .filter(c -> c.getTagName().equals("formats"))
                .findFirst()
                .orElseThrow();
        assertThat(children(formats))
                .extracting(Element::getTextContent)
                .containsExactly("text/xml", "application/json");

        Element services = xml(get("/services.xml"));
        assertThat(services.getTagName()).isEqualTo("services");
        assertThat(children(services).size()).isGreaterThan(5);
        assertThat(names(services)).containsOnly("service");
        Element first = children(services).getFirst();
        assertThat(names(first))
                .containsExactly(
                        "service_code", "service_name", "description", "metadata", "type", "keywords", "group");
        assertThat(children(services)).extracting(s -> text(s, "service_code")).contains("0101", "0301");
        // keywords is text or absent: never the empty element a null would become
        assertThat(children(services))
                .allSatisfy(s -> children(s).stream()
                        .filter(c -> c.getTagName().equals("keywords"))
                        .forEach(k -> assertThat(k.getTextContent()).isNotBlank()));

        Element definition = xml(get("/services/0301.xml"));
        assertThat(definition.getTagName()).isEqualTo("service_definition");
        assertThat(text(definition, "service_code")).isEqualTo("0301");
        Element attributes = children(definition).get(1);
        assertThat(attributes.getTagName()).isEqualTo("attributes");
        Element reqtype = children(attributes).getFirst();
        assertThat(reqtype.getTagName()).isEqualTo("attribute");
        assertThat(names(reqtype))
                .containsExactly(
                        "variable",
                        "code",
                        "datatype",
                        "required",
                        "datatype_description",
                        "order",
                        "description",
                        "values");
        assertThat(text(reqtype, "code")).isEqualTo("REQTYPE");
        Element values = children(reqtype).get(7);
        assertThat(names(values)).containsOnly("value");
        assertThat(names(children(values).getFirst())).containsExactly("key", "name");
        assertError(get("/services/9999.xml"), 404, "service_code 9999");
    }

    @Test
    @DisplayName("the spec's form POSTed to requests.xml creates a request; GET by id and the list return it in XML")
    void createListGet() throws Exception {
        Element created = xml(postForm("/requests.xml", ChannelGateway.fixture("open311-create.form")));
        assertThat(created.getTagName()).isEqualTo("service_requests");
        Element request = children(created).getFirst();
        assertThat(request.getTagName()).isEqualTo("request");
        assertThat(names(request)).containsExactly("service_request_id", "service_notice", "account_id");
        String id = text(request, "service_request_id");
        assertThat(id).matches("[0-9]{12}");
        assertThat(text(request, "service_notice")).isEqualTo("您的诉求已受理，将于7日内答复。");
        assertThat(text(request, "account_id")).isEmpty();

        Element one = children(xml(get("/requests/" + id + ".xml"))).getFirst();
        assertThat(text(one, "service_request_id")).isEqualTo(id);
        assertThat(text(one, "status")).isEqualTo("open");
        assertThat(text(one, "service_code")).isEqualTo("0301");
        assertThat(text(one, "description")).isEqualTo("楼道照明灯已损坏一周，夜间老人上下楼不安全。");
        assertThat(text(one, "address")).isEqualTo("北京市朝阳区望京街道阜通东大街6号院3号楼");
        assertThat(text(one, "lat")).isEqualTo("39.996542");
        assertThat(text(one, "long")).isEqualTo("116.480623");
        assertThat(text(one, "requested_datetime")).matches(".*T.*\\+08:00");
        assertThat(text(one, "agency_responsible")).isEmpty();

        Element listed = xml(get("/requests.xml?service_request_id=" + id));
        assertThat(listed.getTagName()).isEqualTo("service_requests");
        assertThat(children(listed))
                .extracting(r -> text(r, "service_request_id"))
                .containsExactly(id);
        assertThat(children(xml(get("/requests.xml?service_code=0101")))).isEmpty();
    }

    @Test
    @DisplayName("errors on .xml paths are the spec's <errors><error>: 403, 400 naming the field, 404, 413, 405")
    void errors() throws Exception {
        assertError(
                postForm(
                        "/requests.xml",
                        Signers.utf8("api_key=nope-nope-nope&service_code=0301" + "&address_string=x")),
                403,
                "Invalid api_key received");
        assertError(
                postForm("/requests.xml", Signers.utf8("api_key=" + ChannelGateway.OPEN311_KEY + "&address_string=x")),
                400,
                "service_code");
        assertError(get("/requests/000000000000.xml"), 404, "service_request_id");
        assertError(get("/requests.xml?start_date=yesterday"), 400, "start_date");
        assertError(get("/no-such-thing.xml"), 404, "resource");
        assertError(
                gw.http
                        .delete(gw.port(), "127.0.0.1", BASE + "/services.xml")
                        .send()
                        .await(),
                405,
                "DELETE");
        assertError(postForm("/requests.xml", new byte[80_000]), 413, "body");
    }

    @Test
    @DisplayName("404 in <errors> for a foreign jurisdiction_id on every resource, an unknown service_code on POST, "
            + "and ids that are not ASCII")
    void notFound() throws Exception {
        for (String path : List.of(
                "/discovery.xml",
                "/services.xml",
                "/services/0301.xml",
                "/requests.xml",
                "/requests/000000000000.xml")) {
            assertError(get(path + "?jurisdiction_id=sh12345.gov.cn"), 404, "jurisdiction_id sh12345.gov.cn");
        }
        assertError(
                postForm(
                        "/requests.xml",
                        Signers.utf8("api_key=" + ChannelGateway.OPEN311_KEY
                                + "&jurisdiction_id=sh12345.gov.cn&service_code=0301&address_string=x")),
                404,
                "jurisdiction_id");
        assertError(
                postForm(
                        "/requests.xml",
                        Signers.utf8("api_key=" + ChannelGateway.OPEN311_KEY + "&service_code=9999&address_string=x")),
                404,
                "service_code 9999");
        assertError(get("/services/%F0%9F%98%80.xml"), 404, "service_code");
        assertError(get("/requests/%F0%9F%98%80.xml"), 404, "service_request_id");
    }

    @Test
    @DisplayName("services/{code}.xml of a service without metadata: its code and an empty <attributes>")
    void definitionWithoutMetadata() throws Exception {
        HttpResponse<Buffer> r = get("/services/0101.xml");
        assertThat(r.statusCode()).isEqualTo(200);
        Element definition = xml(r);
        assertThat(definition.getTagName()).isEqualTo("service_definition");
        assertThat(names(definition)).containsExactly("service_code", "attributes");
        assertThat(text(definition, "service_code")).isEqualTo("0101");
        assertThat(children(children(definition).get(1))).isEmpty();
    }
}

package cn.jiesu.channels.open311;

import static org.assertj.core.api.Assertions.assertThat;

import cn.jiesu.channels.HttpReply;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class Open311XmlTest {
    private static final String DECL = "<?xml version=\"1.0\" encoding=\"utf-8\"?>";

    @Test
    @DisplayName("a request list becomes service_requests/request; nulls become empty elements; numbers stay plain")
    void requests() {
        HttpReply json = HttpReply.json(
                200,
                "[{\"service_request_id\":\"261128000001\",\"service_notice\":\"已受理 <&>\","
                        + "\"account_id\":null,\"lat\":39.996542,\"long\":1.0E-7}]");
        HttpReply xml = Open311Xml.convert(json, Open311Xml.Resource.REQUESTS);
        assertThat(xml.status()).isEqualTo(200);
        assertThat(xml.contentType()).isEqualTo("text/xml; charset=utf-8");
        assertThat(xml.bodyText())
                .isEqualTo(DECL + "<service_requests><request>"
                        + "<service_request_id>261128000001</service_request_id>"
                        + "<service_notice>已受理 &lt;&amp;&gt;</service_notice><account_id/>"
                        + "<lat>39.996542</lat><long>0.0000001</long></request></service_requests>");
    }

    @Test
    @DisplayName("nested lists are named as in the spec: attributes/attribute, values/value, endpoints/endpoint")
    void nested() {
        HttpReply definition = HttpReply.json(
                200,
                "{\"service_code\":\"0301\",\"attributes\":[{\"code\":\"ANON\","
                        + "\"required\":false,\"order\":2,\"values\":[{\"key\":\"false\",\"name\":\"否\"}]}]}");
        assertThat(Open311Xml.convert(definition, Open311Xml.Resource.SERVICE_DEFINITION)
                        .bodyText())
                .isEqualTo(DECL + "<service_definition><service_code>0301</service_code><attributes><attribute>"
                        + "<code>ANON</code><required>false</required><order>2</order><values><value>"
                        + "<key>false</key><name>否</name></value></values></attribute></attributes>"
                        + "</service_definition>");
        HttpReply discovery = HttpReply.json(
                200,
                "{\"changeset\":\"2026-11-28T00:00:00+08:00\",\"endpoints\":"
                        + "[{\"formats\":[\"text/xml\",\"application/json\"]}]}");
        assertThat(Open311Xml.convert(discovery, Open311Xml.Resource.DISCOVERY).bodyText())
                .isEqualTo(DECL + "<discovery><changeset>2026-11-28T00:00:00+08:00</changeset><endpoints><endpoint>"
                        + "<formats><format>text/xml</format><format>application/json</format></formats>"
                        + "</endpoint></endpoints></discovery>");
    }

    @Test
    @DisplayName("an error reply becomes errors/error whatever the resource; Retry-After and status are kept")
    void errors() {
        HttpReply json =
                Open311Errors.tooManyRequests(java.time.Duration.ofSeconds(3)).reply();
        HttpReply xml = Open311Xml.convert(json, Open311Xml.Resource.SERVICES);
        assertThat(xml.status()).isEqualTo(429);
        assertThat(xml.headers()).containsEntry("Retry-After", "3");
        assertThat(xml.bodyText())
                .isEqualTo(DECL + "<errors><error><code>429</code>"
                        + "<description>quota exceeded, retry after 3 s</description></error></errors>");
    }

    @Test
    @DisplayName("characters XML cannot carry are replaced, so the document stays well-formed; non-JSON passes through")
    void unsafeText() {
        HttpReply json = HttpReply.json(200, "[{\"description\":\"路灯\\u0001坏了\\u001f😀\"}]");
        assertThat(Open311Xml.convert(json, Open311Xml.Resource.REQUESTS).bodyText())
                .contains("<description>路灯\uFFFD坏了\uFFFD😀</description>");
        HttpReply text = HttpReply.text(500, "internal");
        assertThat(Open311Xml.convert(text, Open311Xml.Resource.REQUESTS)).isSameAs(text);
    }
}

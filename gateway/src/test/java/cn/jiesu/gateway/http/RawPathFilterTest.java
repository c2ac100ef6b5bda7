package cn.jiesu.gateway.http;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class RawPathFilterTest {
    @Test
    @DisplayName("paths the router would normalize into another route are refused; ordinary ones pass")
    void problems() {
        for (String bad : new String[] {
            "/channels/%2e%2e/api/v1/intakes/1",
            "/channels/%2E%2e/x",
            "/a/.%2E/b",
            "/channels/../api",
            "/channels/./weibo",
            "/..",
            "/channels/..%2fapi",
            "/a%2Fb",
            "/a%5cb",
            "/a\\b",
            "/a%00b",
            "relative",
            ""
        }) {
            assertThat(RawPathFilter.problem(bad)).as(bad).isNotNull();
        }
        for (String good : new String[] {
            "/",
            "/appeal",
            "/open311/v2/requests.json",
            "/api/v1/intakes/260310-0001",
            "/console/",
            "/channels/weibo",
            "/a/..b/c",
            "/a/b.c",
            "/appeal/submitted"
        }) {
            assertThat(RawPathFilter.problem(good)).as(good).isNull();
        }
    }

    @Test
    @DisplayName("a query is ASCII with UTF-8 behind its escapes; raw bytes, broken escapes and NUL are refused")
    void queries() {
        for (String bad : new String[] {
            "district=朝阳区",
            "address=%ZZ",
            "content=%",
            "q=%E6%9C",
            "topic=water%00",
            "a=%fe%ff",
            "a=b c",
            "a=%\uFF15\uFF15"
        }) {
            assertThat(RawPathFilter.queryProblem(bad)).as(bad).isNotNull();
        }
        // Each says what is wrong with it: a raw NUL is ASCII, so not "must be ASCII".
        assertThat(RawPathFilter.queryProblem("a=\u0000")).isEqualTo("NUL is not allowed in the query");
        assertThat(RawPathFilter.queryProblem("a=\r\nX")).contains("printable ASCII");
        assertThat(RawPathFilter.queryProblem("a=%\uFF15\uFF15")).contains("%XX escape");
        for (String good : new String[] {
            "district=%E6%9C%9D%E9%98%B3%E5%8C%BA",
            "signature=abc&timestamp=1&nonce=2&echostr=x",
            "q=a+b&r=%25",
            "lat=39.9&long=116.4",
            ""
        }) {
            assertThat(RawPathFilter.queryProblem(good)).as(good).isNull();
        }
        assertThat(RawPathFilter.queryProblem(null)).isNull();
    }
}

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
}

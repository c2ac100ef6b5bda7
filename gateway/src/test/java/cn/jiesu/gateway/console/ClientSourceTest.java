package cn.jiesu.gateway.console;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class ClientSourceTest {

    @Test
    @DisplayName("IPv4 is kept, IPv6 is keyed by its /64 (one subscriber's block), anything else is 'unknown'")
    void keys() {
        assertThat(ClientSource.of("127.0.0.2")).isEqualTo("127.0.0.2");
        assertThat(ClientSource.of("2001:db8:1:2:aaaa::1"))
                .isEqualTo(ClientSource.of("2001:db8:1:2:bbbb::9"))
                .isEqualTo("20010db800010002::/64");
        assertThat(ClientSource.of("2001:db8:1:3::1")).isNotEqualTo(ClientSource.of("2001:db8:1:2::1"));
        assertThat(ClientSource.of("::ffff:10.1.2.3")).isEqualTo("10.1.2.3");
        assertThat(ClientSource.of(null)).isEqualTo("unknown");
        assertThat(ClientSource.of("not:an:address:zz")).isEqualTo("unknown");
    }
}

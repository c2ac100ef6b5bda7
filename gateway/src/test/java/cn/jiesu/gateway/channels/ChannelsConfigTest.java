package cn.jiesu.gateway.channels;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.jiesu.core.config.ConfigException;
import cn.jiesu.core.merge.MergePolicy;
import cn.jiesu.gateway.GatewayConfig;
import cn.jiesu.gateway.config.ChannelsConfig;
import cn.jiesu.gateway.config.ConfigLoader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class ChannelsConfigTest {

    private static ChannelsConfig channels(Map<String, String> env) {
        return GatewayConfig.from(ConfigLoader.load(null, env)).channels();
    }

    private static ChannelsConfig channels(Map<String, String> env, String operatorYaml) throws IOException {
        Path p = Files.createTempFile("jiesu-test-", ".yaml");
        try {
            Files.writeString(p, operatorYaml);
            return GatewayConfig.from(ConfigLoader.load(p, env)).channels();
        } finally {
            Files.deleteIfExists(p);
        }
    }

    @Test
    @DisplayName("by default the secret channels are off, the web form makes up its secret, Open311 is on")
    void defaults() {
        ChannelsConfig c = channels(Map.of());
        assertThat(c.weibo()).isNull();
        assertThat(c.wechat()).isNull();
        assertThat(c.app()).isNull();
        assertThat(c.web().csrfSecret()).isNull();
        assertThat(c.open311().clients()).isEmpty();
        assertThat(c.adminToken()).isNull();
        assertThat(c.merge()).isEqualTo(MergePolicy.DEFAULT);
        assertThat(c.classificationFile()).isRegularFile();
        assertThat(c.servicesFile()).isRegularFile();
        assertThat(c.toString()).doesNotContain("secret=s");
    }

    @Test
    @DisplayName("secrets from the environment switch channels on; app clients come from the operator's file")
    void fromEnvironmentAndFile() throws IOException {
        Map<String, String> env = new HashMap<>();
        env.put("JIESU_CHANNELS_WEIBO_APP_SECRET", "weibo-secret");
        env.put("JIESU_CHANNELS_WECHAT_TOKEN", "wx-token");
        env.put("JIESU_CHANNELS_WECHAT_MAX_TIMESTAMP_AGE", "15m");
        env.put("JIESU_CHANNELS_APP_CLIENTS_APP_IOS_SECRET", "from-the-environment-0001");
        ChannelsConfig c = channels(env, """
                channels:
                  app:
                    clients:
                      app-ios: {api-key: k-ios-000001, secret: ""}
                  open311:
                    clients:
                      portal: {api-key: k-portal-0001}
                """);
        assertThat(c.weibo().appSecret()).isEqualTo("weibo-secret");
        assertThat(c.wechat().maxTimestampAge()).isEqualTo(Duration.ofMinutes(15));
        assertThat(c.app().clients()).singleElement().satisfies(a -> {
            assertThat(a.id()).isEqualTo("app-ios");
            assertThat(a.secret()).isEqualTo("from-the-environment-0001");
        });
        assertThat(c.open311().clients()).extracting(a -> a.id()).containsExactly("portal");
    }

    @Test
    @DisplayName("the push channels' timestamp window is on by default: 5 minutes, as shipped in jiesu.yaml")
    void pushWindowOnByDefault() {
        ChannelsConfig c = channels(
                Map.of("JIESU_CHANNELS_WEIBO_APP_SECRET", "weibo-secret", "JIESU_CHANNELS_WECHAT_TOKEN", "wx-token"));
        assertThat(c.weibo().maxTimestampAge()).isEqualTo(Duration.ofMinutes(5));
        assertThat(c.wechat().maxTimestampAge()).isEqualTo(Duration.ofMinutes(5));
    }

    @Test
    @DisplayName("the window cannot be switched off: empty, 0, off, or beyond 1m..1h stop start-up naming the key")
    void pushWindowBadValues() {
        for (String channel : List.of("weibo", "wechat")) {
            String env = "JIESU_CHANNELS_" + channel.toUpperCase(java.util.Locale.ROOT) + "_MAX_TIMESTAMP_AGE";
            String secret = channel.equals("weibo") ? "JIESU_CHANNELS_WEIBO_APP_SECRET" : "JIESU_CHANNELS_WECHAT_TOKEN";
            for (String bad : List.of("", "0", "0s", "off", "unsafe", "-5m", "30s", "2h", "7d")) {
                assertThatThrownBy(() -> channels(Map.of(secret, "s", env, bad)))
                        .as(channel + " " + bad)
                        .isInstanceOf(ConfigException.class)
                        .hasMessageStartingWith("channels." + channel + ".max-timestamp-age: ");
            }
            ChannelsConfig widest = channels(Map.of(secret, "s", env, "1h"));
            assertThat(
                            channel.equals("weibo")
                                    ? widest.weibo().maxTimestampAge()
                                    : widest.wechat().maxTimestampAge())
                    .isEqualTo(Duration.ofHours(1));
        }
    }

    @Test
    @DisplayName("bad values stop start-up naming the key")
    void badValues() {
        assertThatThrownBy(() -> channels(Map.of("JIESU_CHANNELS_APP_MAX_BODY_BYTES", "100000")))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("channels.app.max-body-bytes: ")
                .hasMessageContaining("http.body-limit-bytes");
        assertThatThrownBy(() -> channels(Map.of("JIESU_ADMIN_TOKEN", "short")))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("admin.token: ");
        assertThatThrownBy(() -> channels(Map.of("JIESU_ADMIN_API_TOKEN", "short")))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("admin.api-token: ");
        assertThat(channels(Map.of("JIESU_ADMIN_API_TOKEN", "long-enough-api-token"))
                        .toString())
                .contains("apiTokens=1x***")
                .doesNotContain("long-enough-api-token");
        assertThat(channels(Map.of("JIESU_ADMIN_API_TOKEN", "new-api-token-0002, old-api-token-0001"))
                        .apiTokens())
                .containsExactly("new-api-token-0002", "old-api-token-0001");
        assertThatThrownBy(() -> channels(Map.of("JIESU_ADMIN_API_TOKEN", "new-api-token-0002,short")))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("admin.api-token: ");
        assertThatThrownBy(() -> channels(
                        Map.of("JIESU_CHANNELS_WEIBO_APP_SECRET", "s", "JIESU_CHANNELS_WEIBO_POSITION_CRS", "MARS")))
                .hasMessageStartingWith("channels.weibo.position-crs: ");
        assertThatThrownBy(() -> channels(Map.of("JIESU_MERGE_MIN_SIMILARITY", "high")))
                .hasMessageStartingWith("merge.min-similarity: ");
        assertThatThrownBy(() -> channels(Map.of("JIESU_CHANNELS_WEB_CSRF_SECRET", "too-short")))
                .hasMessageStartingWith("channels.web.csrf-secret: ");
        assertThatThrownBy(() -> channels(Map.of("JIESU_CLASSIFICATION_FILE", "/no/such/rules.yaml")))
                .hasMessageStartingWith("classification.file: cannot read");
        assertThatThrownBy(() -> channels(Map.of(
                        "JIESU_CHANNELS_WECHAT_TOKEN", "t", "JIESU_CHANNELS_WECHAT_ENCODING_AES_KEY", "too-short")))
                .hasMessageStartingWith("channels.wechat.encodingAesKey: ");
    }

    @Test
    @DisplayName("each channel takes the shared quota unless its own keys override it; a bad override names its key")
    void perChannelQuota() {
        ChannelsConfig c = channels(Map.of(
                "JIESU_CHANNELS_QUOTA_WEIBO_PER_SECOND",
                "2.5",
                "JIESU_CHANNELS_QUOTA_WEIBO_BURST",
                "10",
                "JIESU_CHANNELS_QUOTA_OPEN311_MAX_IN_FLIGHT",
                "8"));
        assertThat(c.quotaFor("weibo"))
                .isEqualTo(new ChannelsConfig.Quota(10, 2.5, c.quota().maxInFlight()));
        assertThat(c.quotaFor("open311"))
                .isEqualTo(new ChannelsConfig.Quota(c.quota().burst(), c.quota().perSecond(), 8));
        assertThat(c.quotaFor("app")).isEqualTo(c.quota());
        assertThatThrownBy(() -> channels(Map.of("JIESU_CHANNELS_QUOTA_WECHAT_BURST", "many")))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("channels.quota.wechat.burst: ");
        assertThatThrownBy(() -> channels(Map.of("JIESU_CHANNELS_QUOTA_WEB_PER_SECOND", "0")))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("channels.quota.web.per-second: ");
    }

    @Test
    @DisplayName("an app client without a secret is refused (every app request is signed)")
    void appClientNeedsSecret() {
        assertThatThrownBy(() -> channels(Map.of(), """
                channels:
                  app:
                    clients:
                      app-ios: {api-key: k-ios-000001}
                """))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("channels.app.clients.app-ios.secret: ");
    }
}

package cn.jiesu.channels.classify;

import static org.assertj.core.api.Assertions.assertThat;

import cn.jiesu.channels.Fixtures;
import cn.jiesu.core.classify.ExplicitChoice;
import cn.jiesu.core.classify.TextNormalizer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class LeakTopicTest {
    private static ReloadableClassifier classifier;

    @BeforeAll
    static void load() {
        classifier = ReloadableClassifier.load(Fixtures.configPath("classification.yaml"), TextNormalizer.standard());
    }

    private static java.util.Set<String> topics(String text) {
        return classifier.classify(text, ExplicitChoice.NONE).topics();
    }

    @Test
    @DisplayName("not a drop of water is a water cut, not a leak; water dripping from a ceiling is a leak")
    void dripping() {
        assertThat(topics("停水了，水龙头一滴水都没有")).doesNotContain("leak");
        assertThat(topics("水管冻住了 一滴水都没有")).doesNotContain("leak");
        assertThat(topics("卫生间和厨房的水龙头都只滴水，楼里别家正常")).doesNotContain("leak");
        assertThat(topics("楼上漏水，天花板往下滴水")).contains("leak");
        assertThat(topics("我家卫生间上面在往下滴水 滴到吊顶灯里了")).contains("leak");
        assertThat(topics("地下车库顶在滴水，顺着灯线往下流")).contains("leak");
        assertThat(topics("卧室屋顶滴水了")).contains("leak");
    }
}

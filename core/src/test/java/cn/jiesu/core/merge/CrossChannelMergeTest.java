package cn.jiesu.core.merge;

import static org.assertj.core.api.Assertions.assertThat;

import cn.jiesu.core.appeal.AppealRecord;
import cn.jiesu.core.appeal.AppealStatus;
import cn.jiesu.core.classify.ClassificationRules;
import cn.jiesu.core.classify.KeywordClassifier;
import cn.jiesu.core.classify.KeywordRule;
import cn.jiesu.core.classify.TextNormalizer;
import cn.jiesu.core.intake.Channel;
import cn.jiesu.core.intake.Citizen;
import cn.jiesu.core.intake.Intake;
import cn.jiesu.core.intake.RequestType;
import cn.jiesu.core.intake.Urgency;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The examples behind {@link MergePolicy#DEFAULT}'s 0.40 threshold (Dice over character bigrams, particles
 * removed). Same problem, different wording, scores 0.41–0.52; the same address with a different problem scores
 * 0.50–0.79, which is why disjoint topics veto a link whatever the score.
 */
class CrossChannelMergeTest {
    private static final Instant T0 = Instant.parse("2026-11-28T02:00:00Z");
    private static final String PHONE = "13800138000";

    private final TextSimilarity similarity = TextSimilarity.standard();
    private final KeywordClassifier topics = new KeywordClassifier(
            new ClassificationRules(
                    List.of(
                            KeywordRule.phrases("water", List.of("停水", "来水"), null, null, "water", 0),
                            KeywordRule.phrases("power", List.of("停电"), null, null, "power", 0),
                            KeywordRule.phrases("elevator", List.of("电梯"), null, null, "elevator", 0),
                            KeywordRule.phrases("noise", List.of("噪音"), null, null, "noise", 0),
                            KeywordRule.phrases("fumes", List.of("油烟"), null, null, "fumes", 0)),
                    RequestType.HELP,
                    Urgency.NORMAL,
                    true),
            TextNormalizer.standard());
    private final CrossChannelMerge merge = new CrossChannelMerge(MergePolicy.DEFAULT, similarity, topics);

    @Test
    @DisplayName("same problem reworded across channels scores above 0.40 (examples that set the threshold)")
    void sameProblemAboveThreshold() {
        assertThat(similarity.dice("望京西园三区垃圾站三天没清运了，味道很大，请处理。", "西园三区的垃圾站好几天没人清运了，臭味很大"))
                .isBetween(0.40, 0.55);
        assertThat(similarity.dice("朝阳区望京街道阜通东大街6号院3号楼从昨晚起停水，至今未恢复，请尽快处理。", "阜通东大街6号院3号楼停水了，什么时候来水？"))
                .isBetween(0.40, 0.55);
        assertThat(similarity.dice("小区门口井盖缺失，很危险", "我们小区门口的井盖丢了，晚上很危险，请赶紧处理")).isBetween(0.40, 0.60);
        assertThat(similarity.dice("来电反映：朝阳区望京西园三区垃圾站连续三天未清运，气味刺鼻，影响居民生活，要求尽快清运。", "望京西园三区垃圾站三天没清运了"))
                .isBetween(0.40, 0.55);
    }

    @Test
    @DisplayName("rewording without shared characters scores low: such pairs are missed (a known limit)")
    void synonymsMissed() {
        assertThat(similarity.dice("楼道照明灯已损坏一周，夜间老人上下楼不安全。", "3号楼楼道灯坏了一个星期了没人修"))
                .isLessThan(0.40);
    }

    @Test
    @DisplayName("same address, different problem scores high: disjoint topics veto the link")
    void sameAddressDifferentProblem() {
        String water = "朝阳区望京街道阜通东大街6号院3号楼从昨晚起停水";
        String lift = "朝阳区望京街道阜通东大街6号院3号楼电梯坏了";
        assertThat(similarity.dice(water, lift)).isGreaterThan(0.7);
        assertThat(merge.linksFor(intake("new", Channel.WEIBO, lift, T0), List.of(open("old", water, T0))))
                .isEmpty();
        assertThat(merge.linksFor(intake("new", Channel.WEIBO, "楼下饭店晚上噪音扰民", T0), List.of(open("old", "楼下饭店油烟扰民", T0))))
                .isEmpty();
    }

    @Test
    @DisplayName("a short report inside a longer one links when both name the same topic (overlap coefficient)")
    void shortInsideLong() {
        String longer = "我家停水了三天了，什么时候能来水";
        assertThat(similarity.dice("停水了", longer)).isLessThan(0.40);
        // a reminder that complains about the delay names the same matter: linked across request types
        Intake reminder = intake("new", Channel.WEIBO, "停水了", T0).toBuilder()
                .requestType(RequestType.COMPLAINT)
                .build();
        assertThat(merge.linksFor(reminder, List.of(open("old", longer, T0)))).hasSize(1);
        assertThat(similarity.overlap("停水了", longer)).isEqualTo(1.0);
        assertThat(merge.linksFor(intake("new", Channel.WEIBO, "停水了", T0), List.of(open("old", longer, T0))))
                .singleElement()
                .satisfies(l -> assertThat(l.intakeId()).isEqualTo("old"));
        // without topics a one-line reminder inside the first report links too; unrelated words do not
        String lamp = "楼下路灯不亮了好几天，晚上看不见路，老人容易摔";
        assertThat(merge.linksFor(intake("new", Channel.WEIBO, "还是不亮", T0), List.of(open("old", lamp, T0))))
                .hasSize(1);
        assertThat(merge.linksFor(intake("new", Channel.WEIBO, "社保卡挂失怎么办理", T0), List.of(open("old", lamp, T0))))
                .isEmpty();
    }

    @Test
    @DisplayName("links a Weibo post to the open phone appeal of the same phone number, never dropping either")
    void linksAcrossChannels() {
        Intake phone = intake("phone-1", Channel.PHONE, "来电反映：朝阳区望京西园三区垃圾站连续三天未清运，气味刺鼻，要求尽快清运。", T0);
        Intake weibo = intake("weibo-1", Channel.WEIBO, "望京西园三区垃圾站三天没清运了", T0.plus(Duration.ofHours(5)));
        List<MergeLink> links = merge.linksFor(weibo, List.of(new AppealRecord(phone, AppealStatus.IN_PROGRESS, T0)));
        assertThat(links).singleElement().satisfies(l -> {
            assertThat(l.intakeId()).isEqualTo("phone-1");
            assertThat(l.citizenKey()).isEqualTo("phone:" + PHONE);
            assertThat(l.similarity()).isGreaterThanOrEqualTo(0.40);
        });
    }

    @Test
    @DisplayName("no link outside 72 hours, to a closed appeal, to another citizen, or across request types when the "
            + "operator asks for the same type")
    void conditions() {
        String a = "望京西园三区垃圾站三天没清运了";
        Intake incoming = intake("new", Channel.APP, a, T0.plus(Duration.ofHours(73)));
        assertThat(merge.linksFor(incoming, List.of(open("old", a, T0)))).isEmpty();

        Intake now = intake("new", Channel.APP, a, T0.plus(Duration.ofHours(71)));
        assertThat(merge.linksFor(now, List.of(open("old", a, T0)))).hasSize(1);
        assertThat(merge.linksFor(
                        now, List.of(new AppealRecord(intake("old", Channel.PHONE, a, T0), AppealStatus.RESOLVED, T0))))
                .isEmpty();

        // the type check is the operator's choice (merge.require-same-request-type), for texts without a shared topic
        Intake complaint = now.toBuilder().requestType(RequestType.COMPLAINT).build();
        assertThat(merge.linksFor(complaint, List.of(open("old", a, T0)))).hasSize(1);
        CrossChannelMerge typed =
                new CrossChannelMerge(new MergePolicy(Duration.ofHours(72), 0.12, true, 0.10), similarity, topics);
        assertThat(typed.linksFor(complaint, List.of(open("old", a, T0)))).isEmpty();

        Intake stranger = now.toBuilder()
                .citizen(new Citizen(null, null, "13900139000", null, null, false))
                .build();
        assertThat(merge.linksFor(stranger, List.of(open("old", a, T0)))).isEmpty();
    }

    @Test
    @DisplayName("a linked account the gateway knows counts as the same citizen")
    void linkedAccount() {
        String a = "望京西园三区垃圾站三天没清运了";
        Intake wechat = intake("new", Channel.WECHAT, a, T0).toBuilder()
                .citizen(new Citizen("oR5Gk6Z", null, null, null, null, false))
                .build();
        assertThat(merge.linksFor(wechat, List.of(open("old", a, T0)))).isEmpty();
        assertThat(merge.linksFor(wechat, List.of(open("old", a, T0)), Set.of("phone:" + PHONE)))
                .hasSize(1);
    }

    @Test
    @DisplayName("links are recorded on both sides and undone the same way (idempotent both ways)")
    void reversible() {
        Intake a = intake("A", Channel.PHONE, "x", T0);
        Intake b = intake("B", Channel.WEIBO, "x", T0);
        Intake a2 = RelatedLinks.link(RelatedLinks.link(a, "B"), "B");
        Intake b2 = RelatedLinks.link(b, "A");
        assertThat(a2.relatedIntakeIds()).containsExactly("B");
        assertThat(b2.relatedIntakeIds()).containsExactly("A");
        assertThat(RelatedLinks.unlink(a2, "B")).isEqualTo(a);
        assertThat(RelatedLinks.unlink(RelatedLinks.unlink(b2, "A"), "A")).isEqualTo(b);
        assertThat(RelatedLinks.link(a, "A")).isEqualTo(a);
    }

    private static AppealRecord open(String id, String text, Instant at) {
        return new AppealRecord(intake(id, Channel.PHONE, text, at), AppealStatus.RECEIVED, at);
    }

    private static Intake intake(String id, Channel channel, String text, Instant at) {
        return Intake.builder()
                .intakeId(id)
                .channel(channel)
                .channelAccount("acct")
                .channelMessageId("m-" + id)
                .receivedAt(at)
                .content(text)
                .requestType(RequestType.HELP)
                .citizen(new Citizen(null, null, "+86 138-0013-8000", null, null, false))
                .build();
    }
}

package cn.jiesu.redis.intake;

import static org.assertj.core.api.Assertions.assertThat;

import cn.jiesu.core.appeal.AppealCursor;
import cn.jiesu.core.appeal.AppealFilter;
import cn.jiesu.core.appeal.AppealPage;
import cn.jiesu.core.appeal.AppealQuery;
import cn.jiesu.core.appeal.SearchText;
import cn.jiesu.core.intake.Channel;
import cn.jiesu.core.intake.Citizen;
import cn.jiesu.core.intake.Intake;
import cn.jiesu.redis.RedisClients;
import cn.jiesu.redis.RedisConfig;
import cn.jiesu.redis.StreamKeys;
import cn.jiesu.redis.TestRedis;
import cn.jiesu.redis.channels.ChannelKeys;
import cn.jiesu.redis.channels.CitizenIndex;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Appeal search on the test Redis: by phone, by citizen identity with bindings, by text, combined, paged. */
class SearchIT {
    private static final Instant T0 = Instant.parse("2026-11-28T02:00:00Z");

    private RedisClients clients;
    private RedisConfig config;
    private StreamKeys keys;
    private CitizenIndex citizens;

    @BeforeEach
    void setUp() {
        config = TestRedis.config("search");
        clients = RedisClients.connect(config, new SimpleMeterRegistry());
        keys = new StreamKeys(config.keyPrefix());
        citizens = new CitizenIndex(clients, new ChannelKeys(config.keyPrefix()), keys, Duration.ofDays(400));
    }

    @AfterEach
    void tearDown() {
        clients.close();
    }

    private RedisAppealStore store(SearchWindow window) {
        return new RedisAppealStore(clients, keys, config, window, new SimpleMeterRegistry(), Clock.systemUTC());
    }

    private static String append(RedisAppealStore store, Intake in) {
        return store.append(in).toCompletableFuture().join().intakeId();
    }

    private static Intake weibo(String uid, String text, Instant at) {
        return Intakes.web(UUID.randomUUID().toString())
                .channel(Channel.WEIBO)
                .channelAccount("1902538057")
                .title(null)
                .content(text)
                .receivedAt(at)
                .citizen(new Citizen(uid, null, null, null, null, false))
                .build();
    }

    private static AppealPage find(RedisAppealSearch search, AppealCursor after, int limit, AppealFilter... f) {
        return search.find(new AppealQuery(List.of(f), after, limit))
                .toCompletableFuture()
                .join();
    }

    private static List<String> ids(AppealPage page) {
        return page.items().stream().map(r -> r.intake().intakeId()).toList();
    }

    /** Every page of a query, following nextCursor. */
    private static List<String> all(RedisAppealSearch search, int limit, AppealFilter... f) {
        List<String> out = new ArrayList<>();
        AppealCursor after = null;
        for (int i = 0; i < 100; i++) {
            AppealPage page = find(search, after, limit, f);
            assertThat(page.items().size()).isLessThanOrEqualTo(limit);
            out.addAll(ids(page));
            if (page.next() == null) {
                return out;
            }
            after = page.next();
        }
        throw new AssertionError("more than 100 pages");
    }

    @Test
    @DisplayName("a citizen's appeals by channel account, with those of bound identities, newest first")
    void byCitizenWithBindings() {
        RedisAppealStore store = store(SearchWindow.DEFAULT);
        RedisAppealSearch search = new RedisAppealSearch(clients, keys, store, citizens);
        String w1 = append(store, weibo("2489518277", "路灯不亮", T0));
        String w2 = append(store, weibo("2489518277", "井盖丢了", T0.plusSeconds(60)));
        append(store, weibo("1111111111", "别人的诉求", T0.plusSeconds(90)));
        String call = append(
                store,
                Intakes.phone("1764.1", "+8613900139000", T0.plusSeconds(30))
                        .content("电话里说路灯不亮")
                        .build());

        AppealPage alone = find(search, null, 20, AppealFilter.ByCitizen.of("WEIBO:2489518277"));
        assertThat(ids(alone)).containsExactly(w2, w1);
        assertThat(alone.next()).isNull();

        citizens.bind("WEIBO:2489518277", "phone:13900139000")
                .toCompletableFuture()
                .join();
        AppealPage bound = find(search, null, 20, AppealFilter.ByCitizen.of("WEIBO:2489518277"));
        assertThat(ids(bound)).containsExactly(w2, call, w1);
        assertThat(((AppealFilter.ByCitizen) bound.filters().getFirst()).identities())
                .containsExactly("WEIBO:2489518277", "phone:13900139000");
        // from the phone side, the Weibo account is bound too
        assertThat(ids(find(search, null, 20, AppealFilter.ByCitizen.of("phone:13900139000"))))
                .containsExactly(w2, call, w1);
        // combined with text: all filters hold
        assertThat(ids(find(
                        search,
                        null,
                        20,
                        AppealFilter.ByCitizen.of("WEIBO:2489518277"),
                        new AppealFilter.ByText(SearchText.terms("路灯")))))
                .containsExactly(call, w1);
    }

    @Test
    @DisplayName("text search folds case and width, ANDs the words, and pages newest first without repeats")
    void byTextPaged() {
        RedisAppealStore store = store(SearchWindow.DEFAULT);
        RedisAppealSearch search = new RedisAppealSearch(clients, keys, store, citizens, 7);
        List<Map.Entry<Long, String>> lamps = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            String text = i % 3 == 0 ? "望京西园 ＬＥＤ路灯不亮 #" + i : "小区噪音扰民 #" + i;
            // several appeals in one millisecond: the cursor must still not skip or repeat any
            String id = append(
                    store,
                    Intakes.web("t-" + i)
                            .title(null)
                            .content(text)
                            .receivedAt(T0.plusMillis(i / 4))
                            .build());
            if (i % 3 == 0) {
                lamps.add(Map.entry(T0.plusMillis(i / 4).toEpochMilli(), id));
            }
        }
        List<String> found = all(search, 4, new AppealFilter.ByText(SearchText.terms("led路灯")));
        assertThat(found).hasSize(10).doesNotHaveDuplicates();
        // newest first by receipt time; ties (same ms) by id, descending
        List<String> expected = lamps.stream()
                .sorted(Map.Entry.<Long, String>comparingByKey()
                        .thenComparing(Map.Entry.comparingByValue())
                        .reversed())
                .map(Map.Entry::getValue)
                .toList();
        assertThat(found).containsExactlyElementsOf(expected);
        assertThat(all(search, 3, new AppealFilter.ByText(SearchText.terms("望京 led"))))
                .hasSize(10);
        assertThat(all(search, 3, new AppealFilter.ByText(SearchText.terms("望京 噪音"))))
                .isEmpty();
        assertThat(all(search, 50, new AppealFilter.ByText(SearchText.terms("噪音"))))
                .hasSize(20);

        AppealPage first = find(search, null, 4, new AppealFilter.ByText(SearchText.terms("路灯")));
        assertThat(first.items()).hasSize(4);
        assertThat(first.next()).isNotNull();
        List<Instant> times =
                first.items().stream().map(r -> r.intake().receivedAt()).toList();
        assertThat(times).isSortedAccordingTo((a, b) -> b.compareTo(a));
    }

    @Test
    @DisplayName("the text window keeps only the newest appeals: older ones fall out, memory stays bounded")
    void windowIsBounded() {
        RedisAppealStore store = store(new SearchWindow(3, 20));
        RedisAppealSearch search = new RedisAppealSearch(clients, keys, store, citizens);
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            ids.add(append(
                    store,
                    Intakes.web("w-" + i)
                            .title(null)
                            .content("停水 " + i)
                            .receivedAt(T0.plusSeconds(i))
                            .build()));
        }
        assertThat(ids(find(search, null, 10, new AppealFilter.ByText(List.of("停水")))))
                .containsExactly(ids.get(4), ids.get(3), ids.get(2));
        assertThat(clients.shared().sync().zcard(keys.searchWindow())).isEqualTo(3);
        assertThat(clients.shared().sync().hlen(keys.searchTexts())).isEqualTo(3);
        // text beyond the first textChars characters is not kept
        String longText = append(
                store,
                Intakes.web("long")
                        .title(null)
                        .content("一二三四五六七八九十一二三四五六七八九十尾巴")
                        .receivedAt(T0.plusSeconds(9))
                        .build());
        assertThat(ids(find(search, null, 10, new AppealFilter.ByText(List.of("尾巴")))))
                .isEmpty();
        assertThat(ids(find(search, null, 10, new AppealFilter.ByText(List.of("五六")))))
                .containsExactly(longText);
    }

    @Test
    @DisplayName("a phone appeal becomes findable by text once the agent's form gives it text")
    void enrichedTextIsFound() {
        RedisAppealStore store = store(SearchWindow.DEFAULT);
        RedisAppealSearch search = new RedisAppealSearch(clients, keys, store, citizens);
        String call = append(store, Intakes.phone("1764.9", "13700137000", T0).build());
        assertThat(ids(find(search, null, 10, new AppealFilter.ByText(List.of("燃气")))))
                .isEmpty();
        store.enrich(call, Map.of("content", "楼道里有燃气味")).toCompletableFuture().join();
        assertThat(ids(find(search, null, 10, new AppealFilter.ByText(List.of("燃气")))))
                .containsExactly(call);
        assertThat(ids(find(search, null, 10, new AppealFilter.ByPhone("13700137000"))))
                .containsExactly(call);
    }

    @Test
    @DisplayName("by phone: the store's phone index, paged with a cursor")
    void byPhonePaged() {
        RedisAppealStore store = store(SearchWindow.DEFAULT);
        RedisAppealSearch search = new RedisAppealSearch(clients, keys, store, citizens);
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            ids.add(
                    0,
                    append(
                            store,
                            Intakes.phone("p-" + i, "13600136000", T0.plusSeconds(i))
                                    .build()));
        }
        assertThat(all(search, 3, new AppealFilter.ByPhone("13600136000"))).containsExactlyElementsOf(ids);
        assertThat(all(search, 7, new AppealFilter.ByPhone("13600136000"))).containsExactlyElementsOf(ids);
        assertThat(find(search, null, 7, new AppealFilter.ByPhone("13600136000"))
                        .next())
                .isNull();
        assertThat(all(search, 3, new AppealFilter.ByPhone("13600136001"))).isEmpty();
    }
}

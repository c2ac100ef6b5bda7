package cn.jiesu.testkit;

import static cn.jiesu.testkit.Stages.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.jiesu.core.appeal.AppealStatus;
import cn.jiesu.core.appeal.AppendResult;
import cn.jiesu.core.intake.Channel;
import cn.jiesu.core.intake.Citizen;
import cn.jiesu.core.intake.Intake;
import java.time.Instant;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class InMemoryAppealStoreTest {
    private static final Instant AT = Instant.parse("2026-11-28T02:00:00Z");
    private final InMemoryAppealStore store = new InMemoryAppealStore();

    private static Intake call(String linkedid, String caller, Instant at) {
        return Intake.builder()
                .intakeId("I-" + linkedid)
                .channel(Channel.PHONE)
                .channelAccount("12345")
                .channelMessageId(linkedid)
                .receivedAt(at)
                .citizen(new Citizen(null, null, null, caller, null, false))
                .build();
    }

    @Test
    @DisplayName("once per dedupe key: a repeat returns the first append's ids, marked duplicate")
    void exactlyOnce() {
        AppendResult first = await(store.append(call("1.0", "13800138000", AT)));
        AppendResult again = await(store.append(
                call("1.0", "13800138000", AT).toBuilder().intakeId("other").build()));
        assertThat(again).isEqualTo(new AppendResult(first.intakeId(), first.appealNo(), true));
        assertThat(store.appended())
                .singleElement()
                .satisfies(i -> assertThat(i.appealNo()).isEqualTo(first.appealNo()));
        assertThat(await(store.byAppealNo(first.appealNo()))).isPresent();
        assertThat(await(store.intakeIdOf("1.0"))).contains(first.intakeId());
        assertThat(store.attempts()).isEqualTo(2);
    }

    @Test
    @DisplayName("by phone: caller numbers compared normalized, newest first")
    void byPhone() {
        await(store.append(call("1.0", "+86 138-0013-8000", AT)));
        await(store.append(call("2.0", "13800138000", AT.plusSeconds(60))));
        await(store.append(call("3.0", "13900139000", AT)));
        assertThat(await(store.byPhone("13800138000", 10)))
                .extracting(r -> r.intake().channelMessageId())
                .containsExactly("2.0", "1.0");
    }

    @Test
    @DisplayName("failNext fails appends like an outage; stallLookups never answers by number")
    void failures() {
        store.failNext(1);
        assertThatThrownBy(() -> await(store.append(call("1.0", "1", AT)))).hasMessage("simulated store outage");
        assertThat(await(store.append(call("1.0", "1", AT))).duplicate()).isFalse();
        store.put("55501", AppealStatus.IN_PROGRESS, AT);
        assertThat(store.stallLookups().byAppealNo("55501").toCompletableFuture())
                .isNotDone();
        assertThat(await(store.updateStatus("T55501", AppealStatus.CLOSED, AT))).isTrue();
        assertThat(store.record("T55501").status()).isEqualTo(AppealStatus.CLOSED);
    }
}

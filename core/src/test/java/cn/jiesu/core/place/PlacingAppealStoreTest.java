package cn.jiesu.core.place;

import static org.assertj.core.api.Assertions.assertThat;

import cn.jiesu.core.appeal.AppealRecord;
import cn.jiesu.core.appeal.AppealStatus;
import cn.jiesu.core.appeal.AppealStore;
import cn.jiesu.core.appeal.AppendResult;
import cn.jiesu.core.intake.Channel;
import cn.jiesu.core.intake.Crs;
import cn.jiesu.core.intake.Intake;
import cn.jiesu.core.intake.Location;
import cn.jiesu.core.intake.PlaceMark;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class PlacingAppealStoreTest {
    private final List<Intake> appended = new ArrayList<>();
    private final List<PlaceResolution> told = new ArrayList<>();
    private final PlacingAppealStore store =
            new PlacingAppealStore(new Appended(), new PlaceResolver(TestGazetteer.city()), told::add);

    @Test
    @DisplayName("the address fields are read together and the canonical names go on the intake")
    void addressFields() {
        append(new Location("西园三区 312号楼", null, null, null, "朝阳", "望京", null), null);
        assertThat(appended.getLast().place()).satisfies(p -> {
            assertThat(p.district()).isEqualTo("朝阳区");
            assertThat(p.street()).isEqualTo("望京街道");
            assertThat(p.confidence()).isBetween(0.5, 1.0);
        });
        assertThat(told).singleElement().extracting(PlaceResolution::level).isEqualTo(PlaceResolution.Level.UNIT);
    }

    @Test
    @DisplayName("without an address the description places it; with nothing it stays unplaced and is counted")
    void descriptionAndNothing() {
        append(null, "中关村大街路灯不亮");
        assertThat(appended.getLast().place())
                .isEqualTo(new PlaceMark("海淀区", null, appended.getLast().place().confidence()));
        append(null, "楼下太吵了");
        assertThat(appended.getLast().place()).isNull();
        assertThat(told)
                .extracting(PlaceResolution::level)
                .containsExactly(PlaceResolution.Level.DISTRICT, PlaceResolution.Level.NONE);
    }

    @Test
    @DisplayName("a GCJ-02 position from a map SDK is converted before it is compared with centroids")
    void shiftedPosition() {
        LatLon wangjing = new LatLon(39.996, 116.474);
        LatLon shifted = ChinaCoordinates.wgsToGcj(wangjing.lat(), wangjing.lon());
        append(new Location(null, shifted.lat(), shifted.lon(), Crs.GCJ02, null, null, null), null);
        assertThat(appended.getLast().place().street()).isEqualTo("望京街道");
        assertThat(told.getLast().note()).contains("0.0 km");
    }

    @Test
    @DisplayName("an intake that already carries a mark keeps it")
    void keepsMark() {
        Intake in = intake(null, "望京的路灯").toBuilder()
                .place(new PlaceMark("海淀区", "中关村街道", 1.0))
                .build();
        store.append(in);
        assertThat(appended.getLast().place().street()).isEqualTo("中关村街道");
        assertThat(told).isEmpty();
    }

    private void append(Location location, String content) {
        store.append(intake(location, content));
    }

    private static Intake intake(Location location, String content) {
        return Intake.builder()
                .intakeId("01J00000000000000000000000")
                .channel(Channel.APP)
                .channelAccount("app")
                .channelMessageId("m" + System.nanoTime())
                .receivedAt(Instant.EPOCH)
                .location(location)
                .content(content)
                .build();
    }

    /** Records what reaches the queue. */
    private final class Appended implements AppealStore {
        @Override
        public CompletionStage<AppendResult> append(Intake intake) {
            appended.add(intake);
            return CompletableFuture.completedFuture(null);
        }

        @Override
        public CompletionStage<Optional<AppealRecord>> byId(String intakeId) {
            return CompletableFuture.completedFuture(Optional.empty());
        }

        @Override
        public CompletionStage<Optional<AppealRecord>> byAppealNo(String appealNo) {
            return CompletableFuture.completedFuture(Optional.empty());
        }

        @Override
        public CompletionStage<List<AppealRecord>> byPhone(String phone, int limit) {
            return CompletableFuture.completedFuture(List.of());
        }

        @Override
        public CompletionStage<Boolean> updateStatus(String intakeId, AppealStatus status, Instant at) {
            return CompletableFuture.completedFuture(false);
        }
    }
}

package cn.jiesu.core.merge;

import cn.jiesu.core.intake.Intake;
import java.util.ArrayList;
import java.util.List;

/**
 * Adds and removes entries of {@link Intake#relatedIntakeIds()}: a link is recorded on both appeals and undone the
 * same way, so a merge never loses an appeal and is always reversible. Both operations are idempotent.
 */
public final class RelatedLinks {
    private RelatedLinks() {}

    public static Intake link(Intake intake, String otherId) {
        if (otherId.equals(intake.intakeId()) || intake.relatedIntakeIds().contains(otherId)) {
            return intake;
        }
        List<String> ids = new ArrayList<>(intake.relatedIntakeIds());
        ids.add(otherId);
        return intake.toBuilder().relatedIntakeIds(ids).build();
    }

    public static Intake unlink(Intake intake, String otherId) {
        if (!intake.relatedIntakeIds().contains(otherId)) {
            return intake;
        }
        List<String> ids = new ArrayList<>(intake.relatedIntakeIds());
        ids.remove(otherId);
        return intake.toBuilder().relatedIntakeIds(ids).build();
    }
}

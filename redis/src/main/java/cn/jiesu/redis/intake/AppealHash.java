package cn.jiesu.redis.intake;

import cn.jiesu.core.appeal.AppealRecord;
import cn.jiesu.core.appeal.AppealStatus;
import cn.jiesu.core.appeal.AppealStoreException;
import cn.jiesu.core.intake.Intake;
import cn.jiesu.core.intake.IntakeCodec;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The appeal hash {@code jiesu:appeal:{intakeId}}: {@code appealNo}, {@code status}, {@code statusAt},
 * {@code receivedAtMs} and {@code intake}, the intake's {@link IntakeCodec} fields packed in one JSON value
 * ({@link PackedFields}). Fields an enrichment wrote later sit beside them under their codec names and win over the
 * packed ones. A hash written before the packed form (every codec field a hash field) decodes too. Related ids live
 * in a separate set and are merged in on read.
 */
final class AppealHash {
    static final String STATUS = "status";
    static final String STATUS_AT = "statusAt";
    /** receivedAt as epoch millis, the score of the phone indexes, for scripts that cannot parse ISO instants. */
    static final String RECEIVED_AT_MS = "receivedAtMs";

    static final String INTAKE = "intake";

    private AppealHash() {}

    /** The codec's fields: the packed intake overlaid with the hash's own fields (appealNo, enrichments). */
    static Map<String, String> codecFields(Map<String, String> hash) {
        String packed = hash.get(INTAKE);
        if (packed == null) {
            return hash;
        }
        Map<String, String> fields = PackedFields.unpack(packed);
        hash.forEach((k, v) -> {
            if (!k.equals(INTAKE) && !k.equals(STATUS) && !k.equals(STATUS_AT) && !k.equals(RECEIVED_AT_MS)) {
                fields.put(k, v);
            }
        });
        return fields;
    }

    /** Empty when the hash does not exist; a hash that does not decode is a {@link AppealStoreException.Failed}. */
    static Optional<AppealRecord> decode(String intakeId, Map<String, String> fields, Set<String> related) {
        if (fields == null || fields.isEmpty()) {
            return Optional.empty();
        }
        try {
            Intake intake = IntakeCodec.fromFields(codecFields(fields));
            if (related != null && !related.isEmpty()) {
                Set<String> all = new LinkedHashSet<>(intake.relatedIntakeIds());
                all.addAll(new TreeSet<>(related));
                intake = intake.toBuilder()
                        .relatedIntakeIds(all.stream().toList())
                        .build();
            }
            AppealStatus status = AppealStatus.valueOf(fields.get(STATUS));
            Instant statusAt = Instant.parse(fields.get(STATUS_AT));
            return Optional.of(new AppealRecord(intake, status, statusAt));
        } catch (RuntimeException e) {
            throw new AppealStoreException.Failed(
                    "appeal " + intakeId + " is stored in a form that does not decode", e);
        }
    }
}

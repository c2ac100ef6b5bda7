package cn.jiesu.redis.intake;

import cn.jiesu.core.intake.Channel;
import cn.jiesu.core.intake.Intake;
import cn.jiesu.core.intake.IntakeCodec;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Checks the fields an agent may overwrite on a stored appeal: codec fields only, never identity, dedupe or status
 * fields, and each value in the form the codec reads back (enum names, ISO instants, content length).
 */
final class EnrichFields {
    /** Identity and bookkeeping: changing these would break dedupe, indexes or the status history. */
    static final Set<String> PROTECTED = Set.of(
            IntakeCodec.INTAKE_ID,
            IntakeCodec.APPEAL_NO,
            IntakeCodec.DEDUPE_KEY,
            "channel",
            "channelAccount",
            "channelMessageId",
            "receivedAt",
            AppealHash.STATUS,
            AppealHash.STATUS_AT,
            AppealHash.RECEIVED_AT_MS);

    private static final Intake PROBE = Intake.builder()
            .intakeId("00000000000000000000000000")
            .channel(Channel.OTHER)
            .channelAccount("probe")
            .channelMessageId("probe")
            .receivedAt(Instant.EPOCH)
            .build();

    private EnrichFields() {}

    /**
     * Returns a copy of {@code fields} in a stable order.
     *
     * @throws IllegalArgumentException naming the first field that is protected, unknown to the codec, or malformed
     */
    static Map<String, String> validate(Map<String, String> fields) {
        if (fields == null || fields.isEmpty()) {
            throw new IllegalArgumentException("fields: at least one field to overwrite is required");
        }
        Map<String, String> copy = new LinkedHashMap<>();
        fields.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e -> {
            if (e.getKey() == null || e.getValue() == null) {
                throw new IllegalArgumentException("fields: names and values must not be null");
            }
            if (PROTECTED.contains(e.getKey())) {
                throw new IllegalArgumentException("fields." + e.getKey() + ": cannot be changed after intake");
            }
            copy.put(e.getKey(), e.getValue());
        });
        // Decode the fields on top of a minimal intake and encode again: a malformed value fails to decode, and
        // a name the codec does not know (or a list entry with a gap) does not survive the round trip.
        Map<String, String> merged = new LinkedHashMap<>(IntakeCodec.toFields(PROBE));
        merged.putAll(copy);
        Map<String, String> roundTrip;
        try {
            roundTrip = IntakeCodec.toFields(IntakeCodec.fromFields(merged));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("fields: " + e.getMessage(), e);
        }
        for (Map.Entry<String, String> e : copy.entrySet()) {
            String back = roundTrip.get(e.getKey());
            if (back == null) {
                throw new IllegalArgumentException(
                        "fields." + e.getKey() + ": not an intake field (or needs its marker)");
            }
            if (!back.equals(e.getValue())) {
                throw new IllegalArgumentException(
                        "fields." + e.getKey() + ": not in canonical form (reads back as '" + back + "')");
            }
        }
        return copy;
    }
}

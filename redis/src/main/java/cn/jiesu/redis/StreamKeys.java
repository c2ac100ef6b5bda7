package cn.jiesu.redis;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;

/**
 * Every Redis key this module uses, built from the configured prefix in this one place. Immutable, thread-safe.
 *
 * <p>Key families with the default prefix: {@code jiesu:intake} (stream), {@code jiesu:intake:dead},
 * {@code jiesu:appeal-events}, {@code jiesu:dedupe:{key}}, {@code jiesu:appeal:{intakeId}},
 * {@code jiesu:related:{intakeId}}, {@code jiesu:unlinked:{intakeId}}, {@code jiesu:appealno:{no}},
 * {@code jiesu:phone:{digits}}, {@code jiesu:seq:{yyMMdd}}, {@code jiesu:search:window} (zset: the newest appeals by
 * receipt time) and {@code jiesu:search:texts} (hash: their folded text), see {@code RedisAppealSearch}.
 */
public final class StreamKeys {
    /** Longest dedupe key kept readable in the key name; longer ones are hashed. */
    static final int MAX_RAW_DEDUPE = 200;

    static final String HASHED = "sha256:";
    private static final DateTimeFormatter YYMMDD = DateTimeFormatter.ofPattern("yyMMdd");

    private final String prefix;

    public StreamKeys(String prefix) {
        if (prefix == null || prefix.isEmpty()) {
            throw new IllegalArgumentException("prefix: required");
        }
        this.prefix = prefix;
    }

    public String prefix() {
        return prefix;
    }

    public String intakeStream() {
        return prefix + "intake";
    }

    public String deadLetterStream() {
        return prefix + "intake:dead";
    }

    public String appealEvents() {
        return prefix + "appeal-events";
    }

    /**
     * The dedupe key of an intake. Dedupe keys hold channel message ids verbatim (Chinese text, {@code |},
     * {@code :}, spaces, glob characters, kilobyte-long e-mail Message-IDs), so only short ones made of a plain
     * ASCII set are kept readable; anything else becomes {@code sha256:<hex>} of its UTF-8 bytes. A readable key
     * never starts with {@code sha256:}, so the two forms cannot collide.
     */
    public String dedupe(String dedupeKey) {
        requireComponent(dedupeKey, "dedupeKey");
        return prefix + "dedupe:" + (isPlain(dedupeKey) ? dedupeKey : HASHED + sha256(dedupeKey));
    }

    /**
     * The appeal number reserved for an intake not yet appended, by its dedupe key (e.g. a call answered by an
     * agent: the number is read to the citizen before the tracker appends the appeal at hangup).
     */
    public String reservedNo(String dedupeKey) {
        requireComponent(dedupeKey, "dedupeKey");
        return prefix + "reserved-no:" + (isPlain(dedupeKey) ? dedupeKey : HASHED + sha256(dedupeKey));
    }

    public String appeal(String intakeId) {
        return appealPrefix() + requireComponent(intakeId, "intakeId");
    }

    /** Prefix of {@link #appeal}; the append script needs it for the key of a first append it only knows by id. */
    public String appealPrefix() {
        return prefix + "appeal:";
    }

    public String related(String intakeId) {
        return prefix + "related:" + requireComponent(intakeId, "intakeId");
    }

    /** Ids a person unlinked from {@code intakeId}: the merge does not link them again. */
    public String unlinked(String intakeId) {
        return prefix + "unlinked:" + requireComponent(intakeId, "intakeId");
    }

    public String appealNo(String appealNo) {
        return appealNoPrefix() + requireComponent(appealNo, "appealNo");
    }

    /** Prefix of {@link #appealNo}; the append script appends the number it assigns. */
    public String appealNoPrefix() {
        return prefix + "appealno:";
    }

    /** The phone index of an already normalized number (digits only, see {@code PhoneNumbers.normalize}). */
    public String phone(String normalizedPhone) {
        return prefix + "phone:" + requireComponent(normalizedPhone, "phone");
    }

    /** Appeals whose tier an agent has still to confirm, scored by receivedAt (epoch ms). */
    public String triageReview() {
        return prefix + "triage:review";
    }

    /** Agents' corrections of triage, the rows the next training run learns from. */
    public String triageCorrections() {
        return prefix + "triage:corrections";
    }

    /** The text search window: ids of the newest appeals with text, scored by receipt time (epoch ms). */
    public String searchWindow() {
        return prefix + "search:window";
    }

    /** The folded title and content of each appeal in {@link #searchWindow}, by intake id. */
    public String searchTexts() {
        return prefix + "search:texts";
    }

    /** The appeal-number counter of one calendar day (in Asia/Shanghai). */
    public String sequence(LocalDate day) {
        return prefix + "seq:" + day.format(YYMMDD);
    }

    static boolean isPlain(String s) {
        if (s.length() > MAX_RAW_DEDUPE || s.startsWith(HASHED)) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean ok = (c >= 'a' && c <= 'z')
                    || (c >= 'A' && c <= 'Z')
                    || (c >= '0' && c <= '9')
                    || "-_.|:@+=/".indexOf(c) >= 0;
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    private static String sha256(String s) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(md.digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    private static String requireComponent(String value, String name) {
        if (value == null || value.isEmpty()) {
            throw new IllegalArgumentException(name + ": required");
        }
        return value;
    }
}

package cn.jiesu.core.intake;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One appeal (来件) from any channel, normalized. Immutable; build with {@link #builder()}.
 *
 * <p>{@code appealNo} is the short numeric number read to citizens (IVR status lookup, confirmations); the queue
 * assigns it on first append, so a freshly normalized intake has none. {@code place} is where the gazetteer put it
 * (null: not placed), set once at intake from the address text, the description and any position.
 */
public record Intake(
        String intakeId,
        String appealNo,
        Channel channel,
        String channelAccount,
        String channelMessageId,
        Instant receivedAt,
        Instant occurredAt,
        ContentType contentType,
        String title,
        String content,
        List<Attachment> attachments,
        Citizen citizen,
        Location location,
        RequestType requestType,
        Urgency urgency,
        Instant dueAt,
        boolean callbackRequested,
        String callbackNumber,
        ReplyRoute replyRoute,
        boolean signatureVerified,
        String signatureScheme,
        String rawRef,
        String rawSha256,
        CallInfo call,
        List<String> relatedIntakeIds,
        TriageMark triage,
        PlaceMark place) {

    public static final int MAX_CONTENT_CHARS = 4000;
    public static final int MAX_TITLE_CHARS = 200;

    public Intake {
        require(intakeId, "intakeId");
        Objects.requireNonNull(channel, "channel must not be null");
        require(channelAccount, "channelAccount");
        require(channelMessageId, "channelMessageId");
        Objects.requireNonNull(receivedAt, "receivedAt must not be null");
        Objects.requireNonNull(contentType, "contentType must not be null");
        if (content != null && content.length() > MAX_CONTENT_CHARS) {
            throw new IllegalArgumentException("content: longer than " + MAX_CONTENT_CHARS + " characters");
        }
        if (title != null && title.length() > MAX_TITLE_CHARS) {
            throw new IllegalArgumentException("title: longer than " + MAX_TITLE_CHARS + " characters");
        }
        if (channelAccount.indexOf('|') >= 0) {
            throw new IllegalArgumentException("channelAccount: must not contain '|'");
        }
        attachments = attachments == null ? List.of() : List.copyOf(attachments);
        relatedIntakeIds = relatedIntakeIds == null ? List.of() : List.copyOf(relatedIntakeIds);
        citizen = citizen == null ? Citizen.UNKNOWN : citizen;
        replyRoute = replyRoute == null ? ReplyRoute.NONE : replyRoute;
        requestType = requestType == null ? RequestType.OTHER : requestType;
        urgency = urgency == null ? Urgency.NORMAL : urgency;
        triage = triage == null ? TriageMark.CERTAIN : triage;
    }

    private static void require(String value, String name) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(name + ": required");
        }
    }

    /** The exactly-once key: the same channel message always maps to the same key. */
    public String dedupeKey() {
        return dedupeKey(channel, channelAccount, channelMessageId);
    }

    public static String dedupeKey(Channel channel, String account, String messageId) {
        return channel.name() + "|" + account + "|" + messageId;
    }

    public static IntakeBuilder builder() {
        return new IntakeBuilder();
    }

    /** A builder pre-filled with this intake's values, for derived copies. */
    public IntakeBuilder toBuilder() {
        return IntakeBuilder.from(this);
    }
}

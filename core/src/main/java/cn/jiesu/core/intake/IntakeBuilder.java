package cn.jiesu.core.intake;

import java.time.Instant;
import java.util.List;

/** Fluent construction of {@link Intake}; validation happens in {@link #build()}. */
public final class IntakeBuilder {
    private String intakeId;
    private String appealNo;
    private Channel channel;
    private String channelAccount;
    private String channelMessageId;
    private Instant receivedAt;
    private Instant occurredAt;
    private ContentType contentType = ContentType.TEXT;
    private String title;
    private String content;
    private List<Attachment> attachments = List.of();
    private Citizen citizen = Citizen.UNKNOWN;
    private Location location;
    private RequestType requestType;
    private Urgency urgency;
    private Instant dueAt;
    private boolean callbackRequested;
    private String callbackNumber;
    private ReplyRoute replyRoute;
    private boolean signatureVerified;
    private String signatureScheme;
    private String rawRef;
    private String rawSha256;
    private CallInfo call;
    private List<String> relatedIntakeIds = List.of();
    private TriageMark triage;
    private PlaceMark place;

    IntakeBuilder() {}

    static IntakeBuilder from(Intake i) {
        return new IntakeBuilder()
                .intakeId(i.intakeId())
                .appealNo(i.appealNo())
                .channel(i.channel())
                .channelAccount(i.channelAccount())
                .channelMessageId(i.channelMessageId())
                .receivedAt(i.receivedAt())
                .occurredAt(i.occurredAt())
                .contentType(i.contentType())
                .title(i.title())
                .content(i.content())
                .attachments(i.attachments())
                .citizen(i.citizen())
                .location(i.location())
                .requestType(i.requestType())
                .urgency(i.urgency())
                .dueAt(i.dueAt())
                .callbackRequested(i.callbackRequested())
                .callbackNumber(i.callbackNumber())
                .replyRoute(i.replyRoute())
                .signatureVerified(i.signatureVerified())
                .signatureScheme(i.signatureScheme())
                .rawRef(i.rawRef())
                .rawSha256(i.rawSha256())
                .call(i.call())
                .relatedIntakeIds(i.relatedIntakeIds())
                .triage(i.triage())
                .place(i.place());
    }

    public IntakeBuilder intakeId(String v) {
        intakeId = v;
        return this;
    }

    public IntakeBuilder appealNo(String v) {
        appealNo = v;
        return this;
    }

    public IntakeBuilder channel(Channel v) {
        channel = v;
        return this;
    }

    public IntakeBuilder channelAccount(String v) {
        channelAccount = v;
        return this;
    }

    public IntakeBuilder channelMessageId(String v) {
        channelMessageId = v;
        return this;
    }

    public IntakeBuilder receivedAt(Instant v) {
        receivedAt = v;
        return this;
    }

    public IntakeBuilder occurredAt(Instant v) {
        occurredAt = v;
        return this;
    }

    public IntakeBuilder contentType(ContentType v) {
        contentType = v;
        return this;
    }

    public IntakeBuilder title(String v) {
        title = v;
        return this;
    }

    public IntakeBuilder content(String v) {
        content = v;
        return this;
    }

    public IntakeBuilder attachments(List<Attachment> v) {
        attachments = v;
        return this;
    }

    public IntakeBuilder citizen(Citizen v) {
        citizen = v;
        return this;
    }

    public IntakeBuilder location(Location v) {
        location = v;
        return this;
    }

    public IntakeBuilder requestType(RequestType v) {
        requestType = v;
        return this;
    }

    public IntakeBuilder urgency(Urgency v) {
        urgency = v;
        return this;
    }

    public IntakeBuilder dueAt(Instant v) {
        dueAt = v;
        return this;
    }

    public IntakeBuilder callbackRequested(boolean v) {
        callbackRequested = v;
        return this;
    }

    public IntakeBuilder callbackNumber(String v) {
        callbackNumber = v;
        return this;
    }

    public IntakeBuilder replyRoute(ReplyRoute v) {
        replyRoute = v;
        return this;
    }

    public IntakeBuilder signatureVerified(boolean v) {
        signatureVerified = v;
        return this;
    }

    public IntakeBuilder signatureScheme(String v) {
        signatureScheme = v;
        return this;
    }

    public IntakeBuilder rawRef(String v) {
        rawRef = v;
        return this;
    }

    public IntakeBuilder rawSha256(String v) {
        rawSha256 = v;
        return this;
    }

    public IntakeBuilder call(CallInfo v) {
        call = v;
        return this;
    }

    public IntakeBuilder relatedIntakeIds(List<String> v) {
        relatedIntakeIds = v;
        return this;
    }

    public IntakeBuilder place(PlaceMark v) {
        place = v;
        return this;
    }

    public IntakeBuilder triage(TriageMark v) {
        triage = v;
        return this;
    }

    public Intake build() {
        return new Intake(
                intakeId,
                appealNo,
                channel,
                channelAccount,
                channelMessageId,
                receivedAt,
                occurredAt,
                contentType,
                title,
                content,
                attachments,
                citizen,
                location,
                requestType,
                urgency,
                dueAt,
                callbackRequested,
                callbackNumber,
                replyRoute,
                signatureVerified,
                signatureScheme,
                rawRef,
                rawSha256,
                call,
                relatedIntakeIds,
                triage,
                place);
    }
}

package cn.jiesu.channels.web;

import cn.jiesu.channels.ChannelResult;
import cn.jiesu.channels.FieldRules;
import cn.jiesu.channels.FormData;
import cn.jiesu.channels.HttpReply;
import cn.jiesu.channels.InboundRequest;
import cn.jiesu.channels.InputRejected;
import cn.jiesu.channels.RawPayloads;
import cn.jiesu.channels.RequestEnvelope;
import cn.jiesu.channels.Triage;
import cn.jiesu.channels.catalog.ServiceCatalog;
import cn.jiesu.channels.catalog.ServiceDefinition;
import cn.jiesu.core.classify.Classifier;
import cn.jiesu.core.intake.Channel;
import cn.jiesu.core.intake.Citizen;
import cn.jiesu.core.intake.ContentType;
import cn.jiesu.core.intake.Intake;
import cn.jiesu.core.intake.IntakeBuilder;
import cn.jiesu.core.intake.IntakeIds;
import cn.jiesu.core.intake.Location;
import cn.jiesu.core.intake.PhoneNumbers;
import cn.jiesu.core.intake.ReplyMode;
import cn.jiesu.core.intake.ReplyRoute;
import cn.jiesu.core.intake.RequestType;
import cn.jiesu.core.raw.RawPayload;
import cn.jiesu.core.sla.SlaPolicy;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The web form's POST ({@code application/x-www-form-urlencoded}, works without JavaScript). Fields:
 * {@code csrf_token} (from {@link FormTokens}), {@code category} (a service code), {@code description},
 * {@code address}, optional {@code phone}, {@code callback} (请回电给我: on/1/true), {@code name},
 * {@code request_type} (wins over the category's request type), {@code confidential}. A valid submission is
 * answered, once appended, with 303 See Other to {@code confirmationPath?no=<appeal number>&r=<receipt>}
 * (post/redirect/get: a refresh does not resubmit; the receipt, {@link FormTokens#receipt}, binds the number to the
 * browser's form cookie so the confirmation shows only the browser's own appeal). The dedupe id is the CSRF token's nonce with the sha256 of the form's fields
 * ({@link RawPayloads#ofFields}): the same form submitted twice is one appeal; submitted again with any field changed
 * it is another appeal, with its own number.
 *
 * <p>Errors are the JSON error body naming the first bad field; {@link #problems} lists them all, from which the
 * gateway re-renders the form.
 * Stateless and thread-safe; {@link #handle} never throws.
 */
public final class WebFormAdapter {
    public static final String SCHEME = "WEB_CSRF";
    /** The shortest description that can say what happened ("路灯坏了"). */
    static final int MIN_DESCRIPTION = 4;

    private static final List<String> KEPT_HEADERS =
            List.of("content-type", "content-length", "user-agent", "referer", "origin");
    /** The fields of the form page kept as the raw payload (the CSRF token is checked, not evidence). */
    private static final Set<String> FORM_FIELDS =
            Set.of("category", "request_type", "description", "address", "phone", "callback", "name", "confidential");

    private static final Set<String> YES = Set.of("on", "1", "true", "yes");

    private final WebFormConfig config;
    private final IntakeIds ids;
    private final Triage triage;
    private final ServiceCatalog catalog;
    private final FormTokens tokens;
    private final RequestEnvelope envelope;

    public WebFormAdapter(
            WebFormConfig config,
            FormTokens tokens,
            IntakeIds ids,
            SlaPolicy sla,
            Classifier classifier,
            ServiceCatalog catalog) {
        this.config = config;
        this.tokens = tokens;
        this.ids = ids;
        this.triage = new Triage(classifier, sla);
        this.catalog = catalog;
        this.envelope = new RequestEnvelope(config.maxBodyBytes(), Set.of("application/x-www-form-urlencoded"), false);
    }

    public ChannelResult handle(InboundRequest request) {
        return envelope.post(request, this::submit);
    }

    private ChannelResult submit(InboundRequest request) throws InputRejected {
        envelope.checkMediaType(request);
        Map<String, List<String>> form = FormData.parse(request.body());
        FormTokens.Check check =
                tokens.verify(FormData.first(form, "csrf_token"), cookie(request, config.csrfCookie()));
        if (!check.valid()) {
            throw new InputRejected(
                    403,
                    "csrf_" + check.problem(),
                    "csrf_token",
                    "csrf_token: " + check.problem() + "; reload the form and submit again");
        }
        List<InputRejected> problems = problems(form);
        if (!problems.isEmpty()) {
            throw problems.get(0);
        }
        ServiceDefinition service =
                catalog.byCode(FormData.first(form, "category").trim()).orElseThrow();
        String description = FieldRules.description(FormData.first(form, "description"), "description", true);
        String address = FieldRules.text(FormData.first(form, "address"), "address", FieldRules.MAX_ADDRESS);
        String phone = FieldRules.phone(FormData.first(form, "phone"), "phone");
        boolean callback = yes(FormData.first(form, "callback"));
        RawPayload raw = RawPayloads.ofFields(request, KEPT_HEADERS, form, FORM_FIELDS::contains);
        IntakeBuilder b = Intake.builder()
                .intakeId(ids.next())
                .channel(Channel.WEB)
                .channelAccount(config.account())
                // The token and what was submitted: a double submit (same token, same fields) is one appeal, but
                // the form sent again with an edit (back, change, submit) is the citizen's new appeal, not dropped.
                .channelMessageId("form:" + check.nonce() + ":" + raw.sha256())
                .receivedAt(request.receivedAt())
                .contentType(ContentType.FORM)
                .title(service.name())
                .content(description)
                .citizen(new Citizen(
                        null,
                        FieldRules.text(FormData.first(form, "name"), "name", FieldRules.MAX_NAME),
                        phone,
                        null,
                        null,
                        yes(FormData.first(form, "confidential"))))
                .location(Location.ofAddress(address))
                .callbackRequested(callback)
                .callbackNumber(callback ? phone : null)
                .replyRoute(
                        callback
                                ? new ReplyRoute(Channel.PHONE, phone, ReplyMode.CALLBACK)
                                : phone != null ? new ReplyRoute(Channel.SMS, phone, ReplyMode.SMS) : ReplyRoute.NONE)
                .signatureVerified(true)
                .signatureScheme(SCHEME)
                .rawRef(raw.ref())
                .rawSha256(raw.sha256());
        // "由我们判断" (no request type) leaves the category's type as the default
        triage.apply(
                b,
                description,
                service.choice(requestType(FormData.first(form, "request_type"))),
                request.receivedAt());
        String path = config.confirmationPath();
        String browser = cookie(request, config.csrfCookie());
        return new ChannelResult.Accepted(
                b.build(),
                raw,
                appended -> new HttpReply(
                        303,
                        HttpReply.TEXT,
                        new byte[0],
                        Map.of(
                                "Location",
                                confirmation(
                                        path,
                                        appended.appealNo() == null ? appended.intakeId() : appended.appealNo(),
                                        browser))));
    }

    /** The confirmation page's address: the number and a receipt binding it to this browser's form cookie. */
    private String confirmation(String path, String no, String browser) {
        return path + (path.contains("?") ? "&" : "?") + "no=" + FormData.encode(no) + "&r="
                + tokens.receipt(no, browser);
    }

    /**
     * Every problem of the submitted fields (not the CSRF token), in the form's order, one per field: a browser gets
     * them all at once instead of one per submit. Empty when the fields are acceptable.
     */
    public List<InputRejected> problems(Map<String, List<String>> form) {
        List<InputRejected> out = new ArrayList<>();
        String code = FormData.first(form, "category");
        if (code == null || code.isBlank()) {
            out.add(InputRejected.missing("category"));
        } else if (catalog.byCode(code.trim()).isEmpty()) {
            out.add(InputRejected.badField("category", "unknown category"));
        }
        check(out, () -> requestType(FormData.first(form, "request_type")));
        check(out, () -> {
            String d = FieldRules.description(FormData.first(form, "description"), "description", true);
            // "x" or "灯" says nothing an operator can act on; "路灯坏了" (4 characters) does.
            if (d.strip().codePointCount(0, d.strip().length()) < MIN_DESCRIPTION) {
                throw new InputRejected(
                        400,
                        "field_too_short",
                        "description",
                        "description: at least " + MIN_DESCRIPTION + " characters");
            }
            return null;
        });
        check(out, () -> {
            if (FieldRules.text(FormData.first(form, "address"), "address", FieldRules.MAX_ADDRESS) == null) {
                throw InputRejected.missing("address");
            }
            return null;
        });
        check(out, () -> FieldRules.text(FormData.first(form, "name"), "name", FieldRules.MAX_NAME));
        check(out, () -> {
            String raw = FormData.first(form, "phone");
            String phone = FieldRules.phone(raw, "phone");
            if (phone == null && yes(FormData.first(form, "callback"))) {
                throw new InputRejected(400, "field_missing", "phone", "phone: required when asking to be called back");
            }
            // The form promises a call back: a number no one can dial (7 digits starting 1, a 9-digit "mobile")
            // must be caught while the citizen is still on the page.
            if (phone != null && !PhoneNumbers.dialable(raw)) {
                throw InputRejected.badField("phone", "not a dialable number (mobile: 11 digits; landline: area code)");
            }
            return null;
        });
        return out;
    }

    private interface Check {
        Object run() throws InputRejected;
    }

    private static void check(List<InputRejected> out, Check check) {
        try {
            check.run();
        } catch (InputRejected e) {
            out.add(e);
        }
    }

    private static RequestType requestType(String value) throws InputRejected {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return RequestType.valueOf(value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw InputRejected.badField("request_type", "unknown request type");
        }
    }

    private static boolean yes(String v) {
        return v != null && YES.contains(v.trim().toLowerCase(Locale.ROOT));
    }

    /** The value of cookie {@code name} in the Cookie header, or "" when absent. */
    static String cookie(InboundRequest request, String name) {
        String header = request.header("cookie");
        if (header == null) {
            return "";
        }
        for (String part : header.split(";")) {
            int eq = part.indexOf('=');
            if (eq > 0 && part.substring(0, eq).trim().equals(name)) {
                return part.substring(eq + 1).trim();
            }
        }
        return "";
    }
}

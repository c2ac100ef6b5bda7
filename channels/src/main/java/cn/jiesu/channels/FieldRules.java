package cn.jiesu.channels;

import cn.jiesu.core.intake.Intake;
import cn.jiesu.core.intake.PhoneNumbers;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.regex.Pattern;

/** Validation shared by the form and API channels; every failure is a 400 naming the field. */
public final class FieldRules {
    public static final int MAX_ADDRESS = 200;
    public static final int MAX_NAME = 50;
    public static final int MAX_EMAIL = 254;
    public static final int MAX_URL = 2048;
    /** Digits, full-width ones too (Chinese input methods type them), and the usual separators. */
    private static final Pattern PHONE_CHARS = Pattern.compile("[0-9０-９+＋()（）\\-－ 　]+");

    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");
    private static final Pattern IDEMPOTENCY_KEY = Pattern.compile("[A-Za-z0-9_.:-]{1,128}");

    private FieldRules() {}

    /** Trimmed text of at most {@code max} characters; null when blank. Over-long text is refused, not cut. */
    public static String text(String value, String field, int max) throws InputRejected {
        String v = ContentText.blankToNull(value);
        if (v != null && v.length() > max) {
            throw InputRejected.badField(field, "longer than " + max + " characters");
        }
        if (v != null && v.chars().anyMatch(c -> c < 0x20 && c != '\n' && c != '\r' && c != '\t')) {
            throw InputRejected.badField(field, "contains control characters");
        }
        return v;
    }

    /** The appeal text: required when {@code required}, at most {@link Intake#MAX_CONTENT_CHARS}. */
    public static String description(String value, String field, boolean required) throws InputRejected {
        String v = text(value, field, Intake.MAX_CONTENT_CHARS);
        if (v == null && required) {
            throw InputRejected.missing(field);
        }
        return v;
    }

    /** A phone number: digits (with +, spaces, dashes, parentheses allowed), normalized; null when blank. */
    public static String phone(String value, String field) throws InputRejected {
        String v = ContentText.blankToNull(value);
        if (v == null) {
            return null;
        }
        if (v.length() > 32 || !PHONE_CHARS.matcher(v).matches()) {
            throw InputRejected.badField(field, "not a phone number");
        }
        String digits = PhoneNumbers.normalize(v);
        if (digits == null || digits.length() < 5 || digits.length() > 20) {
            throw InputRejected.badField(field, "not a phone number");
        }
        return digits;
    }

    public static String email(String value, String field) throws InputRejected {
        String v = text(value, field, MAX_EMAIL);
        if (v != null && !EMAIL.matcher(v).matches()) {
            throw InputRejected.badField(field, "not an e-mail address");
        }
        return v;
    }

    /** An absolute http(s) URL. */
    public static String url(String value, String field) throws InputRejected {
        String v = text(value, field, MAX_URL);
        if (v == null) {
            return null;
        }
        try {
            URI uri = new URI(v);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null) {
                throw InputRejected.badField(field, "must be an http(s) URL");
            }
        } catch (URISyntaxException e) {
            throw InputRejected.badField(field, "not a URL");
        }
        return v;
    }

    /** An {@code Idempotency-Key} header: 1-128 characters of [A-Za-z0-9_.:-]; null when absent. */
    public static String idempotencyKey(InboundRequest request) throws InputRejected {
        String v = request.header("idempotency-key");
        if (v == null) {
            return null;
        }
        if (!IDEMPOTENCY_KEY.matcher(v).matches()) {
            throw InputRejected.badField("Idempotency-Key", "1-128 characters of [A-Za-z0-9_.:-]");
        }
        return v;
    }

    public static void latitude(Double lat, String field) throws InputRejected {
        if (lat != null && (lat < -90 || lat > 90)) {
            throw InputRejected.badField(field, "out of range -90..90");
        }
    }

    public static void longitude(Double lon, String field) throws InputRejected {
        if (lon != null && (lon < -180 || lon > 180)) {
            throw InputRejected.badField(field, "out of range -180..180");
        }
    }
}

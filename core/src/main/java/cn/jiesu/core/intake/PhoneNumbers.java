package cn.jiesu.core.intake;

import java.util.regex.Pattern;

/** Normalizes Chinese phone numbers so that one citizen's calls and messages index under one key. */
public final class PhoneNumbers {
    private static final Pattern MOBILE = Pattern.compile("1[3-9][0-9]{9}");
    private static final Pattern TRUNK_MOBILE = Pattern.compile("01[3-9][0-9]{9}");

    /** A national number someone can dial back: a mobile, a landline with its area code, a local landline. */
    private static final Pattern DIALABLE = Pattern.compile(
            "1[3-9][0-9]{9}" // mobile
                    + "|0[1-9][0-9]{8,10}" // landline with trunk 0 and a 2- or 3-digit area code
                    + "|[2-9][0-9]{6,7}" // local landline
                    + "|[48]00[0-9]{7}"); // 400/800 service numbers

    private PhoneNumbers() {}

    /**
     * Whether {@code raw} is a number a callback can reach: in the national form a mobile (11 digits), a landline
     * with area code (10 to 12 digits) or without (7 or 8, not starting 0 or 1), a 400/800 number; or a foreign
     * number written with + or 00 (not +86), 8 to 15 digits as E.164 allows.
     */
    public static boolean dialable(String raw) {
        String d = normalize(raw);
        if (d == null) {
            return false;
        }
        String t = raw.strip().replace('＋', '+');
        boolean foreign = (t.startsWith("+") || t.startsWith("00"))
                && !t.replaceAll("[^0-9]", "").matches("(00)?86.*");
        if (foreign) {
            int n = t.replaceAll("[^0-9]", "").replaceFirst("^00", "").length();
            return n >= 8 && n <= 15;
        }
        return DIALABLE.matcher(d).matches();
    }

    /**
     * The national form, digits only: {@code +86 138-0013-8000}, {@code 0086 13800138000}, {@code 013800138000}
     * (a mobile behind the trunk prefix some carriers add) and {@code 13800138000} are {@code 13800138000};
     * {@code +86 10 6234 5678} and {@code 010-62345678} are {@code 01062345678} (a landline keeps its trunk 0 and
     * area code). Full-width digits count as digits. Returns null for null or digit-less input.
     */
    public static String normalize(String raw) {
        if (raw == null) {
            return null;
        }
        StringBuilder digits = new StringBuilder(raw.length());
        boolean plus = false;
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c >= '0' && c <= '9') {
                digits.append(c);
            } else if (c >= '０' && c <= '９') {
                digits.append((char) ('0' + (c - '０')));
            } else if ((c == '+' || c == '＋') && digits.isEmpty()) {
                plus = true;
            }
        }
        String d = digits.toString();
        boolean international = false;
        if (d.startsWith("0086")) {
            d = d.substring(4);
            international = true;
        } else if (d.startsWith("86") && (plus || d.length() == 13)) {
            d = d.substring(2);
            international = true;
        }
        if (international
                && !d.isEmpty()
                && !d.startsWith("0")
                && !MOBILE.matcher(d).matches()) {
            d = "0" + d; // +86 10 … is the landline 010 …
        } else if (TRUNK_MOBILE.matcher(d).matches()) {
            d = d.substring(1);
        }
        return d.isEmpty() ? null : d;
    }
}

package cn.jiesu.core.intake;

/** Normalizes Chinese phone numbers so that one citizen's calls and messages index under one key. */
public final class PhoneNumbers {
    private PhoneNumbers() {
    }

    /**
     * Digits only, without the +86/0086 country prefix: {@code +86 138-0013-8000} and {@code 13800138000} are the
     * same key. Returns null for null or digit-less input.
     */
    public static String normalize(String raw) {
        if (raw == null) {
            return null;
        }
        StringBuilder digits = new StringBuilder(raw.length());
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c >= '0' && c <= '9') {
                digits.append(c);
            }
        }
        String d = digits.toString();
        if (d.startsWith("0086")) {
            d = d.substring(4);
        } else if (d.startsWith("86") && d.length() == 13) {
            d = d.substring(2);
        }
        return d.isEmpty() ? null : d;
    }
}

package cn.jiesu.core.intake;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Hides contact data that citizens type into free text before it is shown to someone who is not handling the
 * appeal (Open311's public reads): phone numbers (mobile, landline with or without area code, with +86, spaces or
 * dashes), 身份证 numbers (15 or 18 digits, X check digit), bank cards, and e-mail addresses. A run of at least
 * {@value #MIN_DIGITS} digits, single spaces or dashes between them allowed, keeps only its last four digits
 * ({@code 138****8000} is how Chinese services show numbers, here {@code *******8000}); an e-mail keeps its first
 * character and its domain. Full-width digits count as digits. Shorter numbers (house numbers, 12345, prices) and
 * dates written {@code 2026-11-28} are left as they are. Errs on hiding: a bare eight-digit date is masked too.
 */
public final class ContactMask {
    static final int MIN_DIGITS = 7;
    private static final String D = "[0-9\\uFF10-\\uFF19]";
    /** Digits with single separators, an optional +, and an ID card's X check digit. */
    private static final Pattern DIGIT_RUN = Pattern.compile("(?<![0-9\\uFF10-\\uFF19])\\+?" + D + "(?:[- ]?" + D
            + ")*[Xx]?(?![0-9\\uFF10-\\uFF19])");
    private static final Pattern DASHED_DATE = Pattern.compile("(?:19|20)\\d\\d-\\d\\d?-\\d\\d?");
    private static final Pattern EMAIL = Pattern.compile("([A-Za-z0-9._%+-])[A-Za-z0-9._%+-]*(@[A-Za-z0-9-]+"
            + "(?:\\.[A-Za-z0-9-]+)+)");

    private ContactMask() {
    }

    /** {@code text} with the numbers and addresses described above masked; null stays null. */
    public static String text(String text) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        Matcher m = DIGIT_RUN.matcher(text);
        StringBuilder out = new StringBuilder(text.length());
        while (m.find()) {
            m.appendReplacement(out, Matcher.quoteReplacement(run(m.group())));
        }
        m.appendTail(out);
        return EMAIL.matcher(out).replaceAll("$1***$2");
    }

    /**
     * A number with every digit but the last four hidden (an ID card's X counts as a digit), separators kept; null
     * stays null.
     */
    public static String number(String number) {
        if (number == null) {
            return null;
        }
        int digits = 0;
        for (int i = 0; i < number.length(); i++) {
            digits += isDigitOrX(number.charAt(i)) ? 1 : 0;
        }
        StringBuilder out = new StringBuilder(number.length());
        int seen = 0;
        for (int i = 0; i < number.length(); i++) {
            char c = number.charAt(i);
            out.append(isDigitOrX(c) && ++seen <= digits - 4 ? '*' : c);
        }
        return out.toString();
    }

    private static String run(String run) {
        long digits = run.chars().filter(c -> isDigit((char) c)).count();
        if (digits < MIN_DIGITS || DASHED_DATE.matcher(run).matches()) {
            return run;
        }
        return number(run);
    }

    private static boolean isDigitOrX(char c) {
        return isDigit(c) || c == 'X' || c == 'x';
    }

    private static boolean isDigit(char c) {
        return (c >= '0' && c <= '9') || (c >= '\uFF10' && c <= '\uFF19');
    }
}

package cn.jiesu.core.intake;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Hides contact data that citizens type into free text before it is shown to someone who is not handling the
 * appeal (Open311's public reads): phone numbers (mobile, landline with or without area code, with +86, spaces,
 * dashes, dots or underscores), 身份证 numbers (15 or 18 digits, X check digit), bank cards, and e-mail addresses.
 * A run of at least {@value #MIN_DIGITS} digits, single spaces, dashes, dots or underscores between them allowed,
 * keeps only its last four digits ({@code 138****8000} is how Chinese services show numbers, here
 * {@code *******8000}); an e-mail keeps its first character and its domain. Full-width digits count as digits.
 * A mobile number spelled in Chinese digits ({@code 一三九一二三四五六七八}, with 〇, 零 or 幺 too, alone or mixed
 * with Arabic digits: 11 digits reading {@code 1[3-9]…}) keeps its last four the same way; other runs of Chinese
 * digits (years such as 二〇二六, counts) are not numbers anyone dials and stay. Shorter numbers (house numbers,
 * 12345, prices) and dates written {@code 2026-11-28}, {@code 2026.11.28} or {@code 2026_11_28} are left as they
 * are. Errs on hiding: a bare eight-digit date, or a decimal with seven digits, is masked too.
 */
public final class ContactMask {
    static final int MIN_DIGITS = 7;
    private static final String D = "[0-9\\uFF10-\\uFF19]";
    /** Digits with single separators, an optional +, and an ID card's X check digit. */
    private static final Pattern DIGIT_RUN =
            Pattern.compile("(?<![0-9\\uFF10-\\uFF19])\\+?" + D + "(?:[-. _]?" + D + ")*[Xx]?(?![0-9\\uFF10-\\uFF19])");

    private static final Pattern DASHED_DATE = Pattern.compile("(?:19|20)\\d\\d([-./_])\\d\\d?\\1\\d\\d?");
    /** The Chinese digits a number is read out in, 0 to 9 in order; 幺 is how 1 is said in numbers. */
    private static final String CHINESE_DIGITS = "〇一二三四五六七八九";

    private static final String SPELLED = "[0-9\\uFF10-\\uFF19〇零一二三四五六七八九幺]";
    /** Digits, Chinese or not, with single separators: a mobile number someone spelled out. */
    private static final Pattern SPELLED_RUN =
            Pattern.compile("(?<!" + SPELLED + ")" + SPELLED + "(?:[-. _]?" + SPELLED + ")*(?!" + SPELLED + ")");

    private static final Pattern MOBILE = Pattern.compile("1[3-9][0-9]{9}");
    private static final Pattern EMAIL =
            Pattern.compile("([A-Za-z0-9._%+-])[A-Za-z0-9._%+-]*(@[A-Za-z0-9-]+" + "(?:\\.[A-Za-z0-9-]+)+)");

    private ContactMask() {}

    /** {@code text} with the numbers and addresses described above masked; null stays null. */
    public static String text(String text) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        Matcher spelled = SPELLED_RUN.matcher(text);
        StringBuilder unspelled = new StringBuilder(text.length());
        while (spelled.find()) {
            spelled.appendReplacement(unspelled, Matcher.quoteReplacement(spelledMobile(spelled.group())));
        }
        spelled.appendTail(unspelled);
        Matcher m = DIGIT_RUN.matcher(unspelled);
        StringBuilder out = new StringBuilder(text.length());
        while (m.find()) {
            m.appendReplacement(out, Matcher.quoteReplacement(run(m.group())));
        }
        m.appendTail(out);
        return EMAIL.matcher(out).replaceAll("$1***$2");
    }

    /**
     * A run with Chinese digits that reads as a mobile number, with all but its last four digits hidden; any other
     * run as it is (Arabic-only runs are left to {@link #DIGIT_RUN}).
     */
    private static String spelledMobile(String run) {
        StringBuilder digits = new StringBuilder(run.length());
        boolean chinese = false;
        for (int i = 0; i < run.length(); i++) {
            int d = digitValue(run.charAt(i));
            if (d >= 0) {
                digits.append((char) ('0' + d));
                chinese |= !isDigit(run.charAt(i));
            }
        }
        if (!chinese || !MOBILE.matcher(digits).matches()) {
            return run;
        }
        StringBuilder out = new StringBuilder(run.length());
        int seen = 0;
        for (int i = 0; i < run.length(); i++) {
            char c = run.charAt(i);
            out.append(digitValue(c) >= 0 && ++seen <= digits.length() - 4 ? '*' : c);
        }
        return out.toString();
    }

    /** 0-9 for an Arabic, full-width or Chinese digit, else -1. */
    private static int digitValue(char c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        if (c >= '\uFF10' && c <= '\uFF19') {
            return c - '\uFF10';
        }
        if (c == '零') {
            return 0;
        }
        if (c == '幺') {
            return 1;
        }
        return CHINESE_DIGITS.indexOf(c);
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

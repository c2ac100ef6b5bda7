package cn.jiesu.gateway.http;

import cn.jiesu.core.appeal.AppealCursor;
import cn.jiesu.core.appeal.AppealFilter;
import cn.jiesu.core.appeal.AppealQuery;
import cn.jiesu.core.appeal.SearchText;
import cn.jiesu.core.intake.Channel;
import cn.jiesu.core.intake.PhoneNumbers;
import io.vertx.core.MultiMap;
import java.util.ArrayList;
import java.util.List;

/**
 * The query parameters of {@code GET /api/v1/intakes}, read into an {@link AppealQuery}: every filter parameter
 * here, each a 400 naming itself when malformed. Filters combine (all must hold); at least one is required.
 *
 * <ul>
 *   <li>{@code phone}: appeals indexed under the number;</li>
 *   <li>{@code channelUserId}: a citizen identity as citizen bindings write it ({@code WEIBO:2489518277},
 *       {@code WECHAT:<openid>}, {@code APP:<user id>}, {@code phone:13800138000}), or a bare channel user id with
 *       {@code channel} ({@code weibo}, {@code wechat}, {@code app}, …); bound identities are included;</li>
 *   <li>{@code q}: words that must all occur in the title or content (case and width folded);</li>
 *   <li>{@code review}: {@code true} for the appeals whose tier an agent has still to confirm, {@code false} for
 *       the others;</li>
 *   <li>{@code limit} (1–200, default 20) and {@code cursor} (the {@code nextCursor} of the previous page).</li>
 * </ul>
 */
public final class IntakeQueryParams {
    static final QueryLimit LIMIT = new QueryLimit(20, 200);
    static final int MAX_IDENTITY = 200;
    static final int MAX_Q = 200;
    static final int MIN_PHONE_DIGITS = 3;

    private IntakeQueryParams() {}

    public static AppealQuery read(MultiMap params) {
        List<AppealFilter> filters = new ArrayList<>();
        String phone = single(params, "phone");
        if (phone != null) {
            String digits = PhoneNumbers.normalize(phone);
            // From 3 digits: a call from an internal extension (a test call from softphone 8001) is indexed too.
            if (digits == null || digits.length() < MIN_PHONE_DIGITS || digits.length() > 20) {
                throw ApiError.badRequest("phone", "not a phone number: " + phone);
            }
            filters.add(new AppealFilter.ByPhone(digits));
        }
        String identity = identity(single(params, "channelUserId"), single(params, "channel"));
        if (identity != null) {
            filters.add(AppealFilter.ByCitizen.of(identity));
        }
        String q = single(params, "q");
        if (q != null) {
            if (q.length() > MAX_Q) {
                throw ApiError.badRequest("q", "at most " + MAX_Q + " characters");
            }
            List<String> terms = SearchText.terms(q);
            if (terms.isEmpty() || terms.size() > SearchText.MAX_TERMS) {
                throw ApiError.badRequest("q", "1 to " + SearchText.MAX_TERMS + " words to search for");
            }
            filters.add(new AppealFilter.ByText(terms));
        }
        String review = single(params, "review");
        if (review != null) {
            if (!review.equals("true") && !review.equals("false")) {
                throw ApiError.badRequest("review", "true or false");
            }
            filters.add(new AppealFilter.UnderReview(Boolean.parseBoolean(review)));
        }
        if (filters.isEmpty()) {
            throw ApiError.badRequest("q", "give at least one of phone, channelUserId, q or review");
        }
        String cursor = single(params, "cursor");
        AppealCursor after = null;
        if (cursor != null) {
            try {
                after = AppealCursor.decode(cursor);
            } catch (IllegalArgumentException e) {
                throw ApiError.badRequest("cursor", "not a cursor this API returned (use nextCursor as given)");
            }
        }
        return new AppealQuery(filters, after, LIMIT.read(params.get("limit")));
    }

    /** {@code CHANNEL:id} or {@code phone:digits}, or a bare id with {@code channel}; null when absent. */
    static String identity(String raw, String channelParam) {
        if (raw == null) {
            if (channelParam != null) {
                throw ApiError.badRequest("channelUserId", "channel= needs channelUserId=");
            }
            return null;
        }
        if (raw.isEmpty() || raw.length() > MAX_IDENTITY || raw.chars().anyMatch(c -> c <= ' ' || c == 0x7f)) {
            throw ApiError.badRequest("channelUserId", "1 to " + MAX_IDENTITY + " characters without spaces");
        }
        if (channelParam != null) {
            Channel channel = channel(channelParam);
            String prefix = channel.name() + ":";
            String id = raw.regionMatches(true, 0, prefix, 0, prefix.length()) ? raw.substring(prefix.length()) : raw;
            if (id.isEmpty()) {
                throw ApiError.badRequest("channelUserId", "the channel user id is empty");
            }
            return prefix + id;
        }
        int colon = raw.indexOf(':');
        String kind = colon < 0 ? "" : raw.substring(0, colon);
        String id = colon < 0 ? "" : raw.substring(colon + 1);
        if (kind.equalsIgnoreCase("phone")) {
            String digits = PhoneNumbers.normalize(id);
            if (digits == null || digits.length() < MIN_PHONE_DIGITS || digits.length() > 20) {
                throw ApiError.badRequest("channelUserId", "not a phone number: " + id);
            }
            return "phone:" + digits;
        }
        Channel channel = kind.isEmpty() ? null : channelOrNull(kind);
        if (channel == null || id.isEmpty()) {
            throw ApiError.badRequest(
                    "channelUserId",
                    "an identity such as WEIBO:2489518277 or phone:13800138000," + " or the bare id with channel=");
        }
        return channel.name() + ":" + id;
    }

    private static Channel channel(String raw) {
        Channel c = channelOrNull(raw);
        if (c == null) {
            throw ApiError.badRequest("channel", "one of weibo, wechat, app, web, open311, phone, sms, email, other");
        }
        return c;
    }

    private static Channel channelOrNull(String raw) {
        for (Channel c : Channel.values()) {
            if (c.name().equalsIgnoreCase(raw)) {
                return c;
            }
        }
        return null;
    }

    private static String single(MultiMap params, String name) {
        return QueryParams.single(params, name);
    }
}

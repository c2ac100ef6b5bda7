package cn.jiesu.core.appeal;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Objects;

/**
 * Where a page of appeals ended: the last appeal shown, by its receipt time and id. Lists are ordered newest first
 * (receipt time, then id, both descending), so the next page holds the appeals strictly after this one in that
 * order; appeals appended meanwhile never shift it. Clients see it as an opaque token.
 *
 * @param receivedAtMs the last appeal's receipt time, epoch milliseconds (the score of the indexes)
 */
public record AppealCursor(long receivedAtMs, String intakeId) {
    private static final int MAX_ID = 64;

    public AppealCursor {
        Objects.requireNonNull(intakeId, "intakeId");
        if (intakeId.isEmpty() || intakeId.length() > MAX_ID || receivedAtMs < 0) {
            throw new IllegalArgumentException("cursor: not a cursor");
        }
    }

    /** Whether an appeal received at {@code ms} with id {@code id} comes after this cursor (is older). */
    public boolean precedes(long ms, String id) {
        return ms < receivedAtMs || ms == receivedAtMs && id.compareTo(intakeId) < 0;
    }

    public String encode() {
        return Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString((receivedAtMs + ":" + intakeId).getBytes(StandardCharsets.UTF_8));
    }

    /** @throws IllegalArgumentException when {@code token} is not one {@link #encode} made */
    public static AppealCursor decode(String token) {
        try {
            String s = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
            int colon = s.indexOf(':');
            return new AppealCursor(Long.parseLong(s.substring(0, colon)), s.substring(colon + 1));
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("cursor: not a cursor this API returned", e);
        }
    }
}

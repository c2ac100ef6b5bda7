package cn.jiesu.gateway.http;

/**
 * Requests the edge's {@code http.request-timeout} (503) does not apply to, because they bound themselves and a 503
 * would be wrong for them: a classification reload retrains the triage model, longer than any channel request should
 * take ({@code AdminRoutes.TIMEOUT}); a console sign-in waits for a PBKDF2 check queued behind others (0.4-0.6 s
 * each on a busy machine, up to {@code console.sign-in.workers + queue} of them), and answers 429 busy with
 * Retry-After when it cannot finish within its own bound ({@code Sessions.SIGN_IN_BOUND}): a sign-in flood got 503
 * "a backing service is unavailable" after the 4 s edge timeout.
 */
final class SelfBoundedPaths {
    private static final String SIGN_IN = "/console/api/login";

    private SelfBoundedPaths() {}

    /** {@code path} as the router matches it (normalized; a trailing slash matches the same route). */
    static boolean exempt(String path) {
        return path.startsWith("/admin/") || path.equals(SIGN_IN) || path.equals(SIGN_IN + "/");
    }
}

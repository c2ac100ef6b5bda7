package cn.jiesu.redis.console;

/**
 * Every Redis key of the console, under the deployment's prefix ({@code jiesu:console:...}). Immutable.
 *
 * <p>{@code session:{tokenHash}} hash, {@code sign-in:{ext}:{source}} hash (checks, next allowed time),
 * {@code sign-in-agent:{ext}} counter, {@code account:{ext}} hash, {@code upgraded-hash:{ext}} hash,
 * {@code pop:{popId}} hash, {@code pending:{ext}} zset of unacknowledged pop ids, {@code call-pops:{linkedid}} set
 * of {@code ext|popId}, {@code call-ended:{linkedid}} marker, {@code on-call:{ext}} set of connected pop ids, {@code draft:{linkedid}} hash,
 * {@code draft-merged:{linkedid}} marker, {@code drafts} zset,
 * {@code agent-state} and {@code agent-seen} hashes; {@code fanout} is the Pub/Sub channel between instances.
 */
public final class ConsoleKeys {
    private final String base;

    public ConsoleKeys(String prefix) {
        this.base = prefix + "console:";
    }

    String session(String tokenHash) {
        return base + "session:" + tokenHash;
    }

    String signInPair(String ext, String source) {
        return base + "sign-in:" + ext + ":" + source;
    }

    String signInKnown(String ext, String source) {
        return base + "sign-in-known:" + ext + ":" + source;
    }

    String signInAgent(String ext) {
        return base + "sign-in-agent:" + ext;
    }

    String upgradedHash(String ext) {
        return base + "upgraded-hash:" + ext;
    }

    String account(String ext) {
        return base + "account:" + ext;
    }

    String popPrefix() {
        return base + "pop:";
    }

    String pop(String popId) {
        return popPrefix() + popId;
    }

    String pending(String ext) {
        return base + "pending:" + ext;
    }

    String callPops(String linkedid) {
        return base + "call-pops:" + linkedid;
    }

    String callEnded(String linkedid) {
        return base + "call-ended:" + linkedid;
    }

    String onCallPrefix() {
        return base + "on-call:";
    }

    /** The agent's pops whose call they answered and that have not ended (a set of pop ids). */
    String onCall(String ext) {
        return onCallPrefix() + ext;
    }

    String draft(String linkedid) {
        return base + "draft:" + linkedid;
    }

    /** Marks a call whose draft was merged into its appeal (a string, expiring). */
    String draftMerged(String linkedid) {
        return base + "draft-merged:" + linkedid;
    }

    String drafts() {
        return base + "drafts";
    }

    String agentState() {
        return base + "agent-state";
    }

    String agentSeen() {
        return base + "agent-seen";
    }

    String fanout() {
        return base + "fanout";
    }
}

package cn.jiesu.redis.hotspot;

import cn.jiesu.core.hotspot.HotspotAppeal;
import cn.jiesu.redis.LuaScript;
import cn.jiesu.redis.RedisClients;
import io.lettuce.core.Limit;
import io.lettuce.core.Range;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.StreamMessage;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The appeals the detecting instance observed, one stream entry per flush ({@code log.lua}, fenced by the lease, with
 * the observed-once markers), kept ~27 h: what a new detecting instance replays to rebuild the live windows (24 h and
 * slack) and to count again the entries whose hourly counts never reached the count pages. An appeal is written as
 * its id, time, whether it was live (tested) and its topics and place, so a replay runs the detector's own counting.
 */
public final class ObservationLog {
    /** How far back a replay reads: the longest window (24 h) and its slack. */
    public static final Duration REPLAY = Duration.ofHours(25);

    private static final Duration KEEP = Duration.ofHours(27);
    private static final LuaScript LOG = LuaScript.load(ObservationLog.class, "log.lua");
    private static final char FIELD = '\u001f';
    private static final char TOPIC = '\u001e';
    private static final char APPEAL = '\u001d';
    private static final int PAGE = 100;

    private final RedisClients clients;
    private final HotspotKeys keys;
    private final long timeoutMillis;
    private final SeenTrim seenTrim = new SeenTrim();

    /** One logged appeal. */
    public record Logged(HotspotAppeal appeal, boolean live) {}

    /** One entry as read back: its id and its appeals. */
    public record Entry(String id, List<Logged> appeals) {}

    public ObservationLog(RedisClients clients, HotspotKeys keys) {
        this.clients = clients;
        this.keys = keys;
        this.timeoutMillis = clients.config().commandTimeout().toMillis() * 2;
    }

    /**
     * Appends the appeals as one entry if {@code token} holds the lease and none was observed before; returns the
     * entry's id, or the 1-based positions in {@code appeals} of those observed before (nothing written then).
     */
    Appended append(String token, List<Logged> appeals, long now) {
        List<String> args = new ArrayList<>(7 + appeals.size());
        args.add(token);
        args.add(Integer.toString(appeals.size()));
        args.add(Long.toString(now));
        seenTrim.add(args, now);
        args.add(Long.toString(now - KEEP.toMillis()));
        args.add(encode(appeals));
        appeals.forEach(a -> args.add(a.appeal().appealId()));
        List<Object> reply = clients.failures()
                .await(
                        LOG.runSettled(
                                clients,
                                ScriptOutputType.MULTI,
                                new String[] {keys.lease(), keys.seen(), keys.log()},
                                args),
                        timeoutMillis);
        String id = (String) reply.get(0);
        List<Long> dup = new ArrayList<>();
        for (int i = 1; i < reply.size(); i++) {
            dup.add((Long) reply.get(i));
        }
        return new Appended(id.isEmpty() ? null : id, dup);
    }

    /** What {@link #append} did: the entry's id, or null and the positions of appeals observed before. */
    record Appended(String id, List<Long> observedBefore) {}

    /** Every entry from {@code fromMillis} on (by entry id), oldest first, a page at a time. */
    void read(long fromMillis, Consumer<Entry> each) {
        String from = fromMillis + "-0";
        boolean first = true;
        while (true) {
            Range<String> range = first
                    ? Range.create(from, "+")
                    : Range.from(Range.Boundary.excluding(from), Range.Boundary.unbounded());
            List<StreamMessage<String, String>> page = clients.failures()
                    .await(clients.shared().async().xrange(keys.log(), range, Limit.from(PAGE)), timeoutMillis * 5);
            for (StreamMessage<String, String> m : page) {
                each.accept(new Entry(m.getId(), decode(m.getBody().getOrDefault("a", ""))));
            }
            if (page.size() < PAGE) {
                return;
            }
            from = page.getLast().getId();
            first = false;
        }
    }

    static String encode(List<Logged> appeals) {
        StringBuilder b = new StringBuilder(appeals.size() * 64);
        for (Logged l : appeals) {
            HotspotAppeal a = l.appeal();
            if (!b.isEmpty()) {
                b.append(APPEAL);
            }
            b.append(clean(a.appealId())).append(FIELD);
            b.append(a.acknowledged().toEpochMilli()).append(FIELD);
            b.append(l.live() ? '1' : '0').append(FIELD);
            boolean firstTopic = true;
            for (String t : a.topics()) {
                if (!firstTopic) {
                    b.append(TOPIC);
                }
                b.append(clean(t));
                firstTopic = false;
            }
            b.append(FIELD).append(a.district() == null ? "" : clean(a.district()));
            b.append(FIELD).append(a.street() == null ? "" : clean(a.street()));
        }
        return b.toString();
    }

    static List<Logged> decode(String payload) {
        List<Logged> out = new ArrayList<>();
        if (payload.isEmpty()) {
            return out;
        }
        for (String one : payload.split(String.valueOf(APPEAL), -1)) {
            String[] f = one.split(String.valueOf(FIELD), -1);
            Set<String> topics = new LinkedHashSet<>();
            if (!f[3].isEmpty()) {
                topics.addAll(List.of(f[3].split(String.valueOf(TOPIC), -1)));
            }
            String district = f[4].isEmpty() ? null : f[4];
            String street = f[5].isEmpty() || district == null ? null : f[5];
            out.add(new Logged(
                    new HotspotAppeal(f[0], Instant.ofEpochMilli(Long.parseLong(f[1])), topics, district, street),
                    f[2].equals("1")));
        }
        return out;
    }

    /** The separators are control characters: none may be in a name (a topic or place from an old export might). */
    private static String clean(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) < 0x20) {
                return s.replaceAll("\\p{Cntrl}", " ");
            }
        }
        return s;
    }
}

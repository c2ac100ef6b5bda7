package cn.jiesu.ivr.call;

import cn.jiesu.ivr.ami.AmiFrame;
import cn.jiesu.ivr.ami.AmiFrameDecoder;
import cn.jiesu.ivr.ami.RawEventTranslator;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;

/** Call events from the real Asterisk 22 captures, and realistic reorderings of them. */
final class CaptureCalls {
    private CaptureCalls() {}

    static List<AmiFrame> frames(String fixture) {
        List<AmiFrame> frames = new ArrayList<>();
        new AmiFrameDecoder(frames::add).feed(bytes(fixture));
        return frames;
    }

    static List<CallEvent> events(String fixture, Clock clock) {
        RawEventTranslator t = new RawEventTranslator(clock);
        return frames(fixture).stream()
                .map(t::translate)
                .filter(Objects::nonNull)
                .toList();
    }

    /** A frame like {@code template} with some fields replaced or added (for events no capture has yet). */
    static AmiFrame edit(AmiFrame template, Map<String, String> changes, Map<String, String> chanVars) {
        Map<String, String> fields = new HashMap<>(template.fields());
        fields.putAll(changes);
        return new AmiFrame(fields, chanVars);
    }

    /**
     * A random interleaving that keeps each channel's own events in order (as Asterisk does per channel) but mixes
     * channels freely, e.g. one channel's Hangup before another channel's earlier events.
     */
    static List<CallEvent> interleave(List<CallEvent> events, long seed) {
        Map<String, List<CallEvent>> perChannel = new LinkedHashMap<>();
        for (CallEvent e : events) {
            String key = e instanceof CallEvent.OnChannel oc ? oc.channel().uniqueid() : "-";
            perChannel.computeIfAbsent(key, k -> new ArrayList<>()).add(e);
        }
        List<List<CallEvent>> lanes = new ArrayList<>(perChannel.values());
        Random random = new Random(seed);
        List<CallEvent> out = new ArrayList<>();
        int[] next = new int[lanes.size()];
        while (out.size() < events.size()) {
            int lane = random.nextInt(lanes.size());
            if (next[lane] < lanes.get(lane).size()) {
                out.add(lanes.get(lane).get(next[lane]++));
            }
        }
        return out;
    }

    /** Every event twice, the copies shuffled in: AMI replays after a reconnect must not double anything. */
    static List<CallEvent> duplicated(List<CallEvent> events, long seed) {
        List<CallEvent> out = new ArrayList<>(events);
        List<CallEvent> copies = new ArrayList<>(events);
        Collections.shuffle(copies, new Random(seed));
        for (CallEvent c : copies) {
            int at = out.indexOf(c) + 1;
            out.add(Math.min(out.size(), at + new Random(seed ^ at).nextInt(5)), c);
        }
        return out;
    }

    private static byte[] bytes(String fixture) {
        try (InputStream in = CaptureCalls.class.getResourceAsStream("/fixtures/ami/" + fixture)) {
            return Objects.requireNonNull(in, fixture).readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

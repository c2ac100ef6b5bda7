package cn.jiesu.bench.ami;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;

/**
 * A long AMI event stream made of real Asterisk 22 captures: each call is one capture's events with its Uniqueids,
 * Linkedids and ActionIDs rewritten to be unique, and {@code concurrent} calls at a time are interleaved (each
 * call's own order kept), as a busy hotline interleaves them. Login, responses and FullyBooted are left out.
 */
final class StreamSynthesizer {
    /** Real recordings that make a hotline mix: queued and answered, hung up mid-menu, IVR only, outbound. */
    static final List<String> TEMPLATES = List.of(
            "lab-queue-answered.raw",
            "lab-queue-answered.raw",
            "lab-midmenu-hangup.raw",
            "ami-inbound-ivr.raw",
            "ami-sip-inbound-ivr.raw",
            "lab-originate-channelid.raw");

    private static final Set<String> ID_KEYS = Set.of(
            "Uniqueid",
            "Linkedid",
            "DestUniqueid",
            "DestLinkedid",
            "LocalOneUniqueid",
            "LocalOneLinkedid",
            "LocalTwoUniqueid",
            "LocalTwoLinkedid",
            "ActionID",
            "BridgeUniqueid",
            "BridgeId");
    private static final String OUTBOUND = "jiesu-ob-";
    private static final Set<String> SKIPPED = Set.of("FullyBooted", "SuccessfulAuth");

    /** @param inboundCalls how many of the calls are inbound 12345 calls, i.e. should become appeals */
    record Stream(byte[] bytes, int events, int calls, int inboundCalls) {}

    private StreamSynthesizer() {}

    /**
     * @param channelVars keep the {@code ChanVariable} lines the lab recordings carry (manager.conf channelvars);
     *                    false gives the plain stream an Asterisk without channelvars sends
     */
    static Stream synthesize(Path fixtures, int calls, int concurrent, long seed, boolean channelVars)
            throws IOException {
        List<List<String>> templates = new ArrayList<>();
        for (String name : TEMPLATES) {
            String capture = Files.readString(fixtures.resolve(name), StandardCharsets.UTF_8);
            if (!channelVars) {
                capture = capture.replaceAll("ChanVariable: [^\r\n]*\r\n", "");
            }
            templates.add(eventBlocks(capture));
        }
        Random random = new Random(seed);
        ByteArrayOutputStream out = new ByteArrayOutputStream(calls * 40_000);
        List<List<String>> active = new ArrayList<>();
        List<Integer> next = new ArrayList<>();
        int started = 0;
        int events = 0;
        int inbound = 0;
        while (started < calls || !active.isEmpty()) {
            while (active.size() < concurrent && started < calls) {
                String template = TEMPLATES.get(started % TEMPLATES.size());
                inbound += template.startsWith("lab-originate") ? 0 : 1;
                active.add(rewrite(templates.get(started % templates.size()), "b" + started));
                next.add(0);
                started++;
            }
            int i = random.nextInt(active.size());
            out.writeBytes(active.get(i).get(next.get(i)).getBytes(StandardCharsets.UTF_8));
            events++;
            next.set(i, next.get(i) + 1);
            if (next.get(i) == active.get(i).size()) {
                active.remove(i);
                next.remove(i);
            }
        }
        return new Stream(out.toByteArray(), events, calls, inbound);
    }

    private static List<String> eventBlocks(String capture) {
        List<String> blocks = new ArrayList<>();
        for (String block : capture.split("\r\n\r\n")) {
            String b = block.startsWith("Asterisk Call Manager/") ? block.substring(block.indexOf("\r\n") + 2) : block;
            if (b.startsWith("Event: ") && !SKIPPED.contains(b.substring(7, b.indexOf("\r\n")))) {
                blocks.add(b + "\r\n\r\n");
            }
        }
        return blocks;
    }

    private static List<String> rewrite(List<String> blocks, String call) {
        List<String> out = new ArrayList<>(blocks.size());
        for (String block : blocks) {
            StringBuilder b = new StringBuilder(block.length() + 64);
            for (String line : block.split("\r\n", -1)) {
                int colon = line.indexOf(": ");
                if (colon > 0 && ID_KEYS.contains(line.substring(0, colon)) && !line.endsWith("<unknown>")) {
                    String value = line.substring(colon + 2);
                    // our Originates' ChannelId prefix must stay in front: it marks the call as outbound
                    int keep = value.startsWith(OUTBOUND) ? OUTBOUND.length() : 0;
                    b.append(line, 0, colon + 2)
                            .append(value, 0, keep)
                            .append(call)
                            .append('-')
                            .append(value, keep, value.length());
                } else {
                    b.append(line);
                }
                b.append("\r\n");
            }
            b.setLength(b.length() - 2);
            out.add(b.toString());
        }
        return out;
    }
}

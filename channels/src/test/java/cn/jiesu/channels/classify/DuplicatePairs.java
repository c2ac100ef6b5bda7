package cn.jiesu.channels.classify;

import cn.jiesu.core.appeal.AppealRecord;
import cn.jiesu.core.appeal.AppealStatus;
import cn.jiesu.core.classify.Classifier;
import cn.jiesu.core.intake.Channel;
import cn.jiesu.core.intake.Citizen;
import cn.jiesu.core.intake.ContentType;
import cn.jiesu.core.intake.Intake;
import cn.jiesu.core.merge.CrossChannelMerge;
import cn.jiesu.core.merge.MergePolicy;
import cn.jiesu.core.merge.TextSimilarity;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Pairs of appeals by one citizen, labelled {@code duplicate} (same matter, re-submitted: must be linked) or
 * {@code new-matter} (must not be), scored through the real merge: both classified by the triage in force, the
 * second appeal an hour after the first from the same phone.
 */
record DuplicatePairs(List<Pair> pairs) {
    record Pair(String id, boolean duplicate, String channelA, String textA, String channelB, String textB) {}

    record Score(int duplicates, int linkedDuplicates, int newMatters, int linkedNewMatters, List<String> misses) {
        double recall() {
            return duplicates == 0 ? 1 : (double) linkedDuplicates / duplicates;
        }

        double falseLinkRate() {
            return newMatters == 0 ? 0 : (double) linkedNewMatters / newMatters;
        }

        String report(String name) {
            return String.format(
                    Locale.ROOT,
                    "%n%s: duplicates linked %d/%d (%.3f), new matters linked %d/%d (%.3f)%n%s",
                    name,
                    linkedDuplicates,
                    duplicates,
                    recall(),
                    linkedNewMatters,
                    newMatters,
                    falseLinkRate(),
                    String.join("\n", misses));
        }
    }

    static DuplicatePairs read(Path file) {
        List<Pair> out = new ArrayList<>();
        try {
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] f = line.split("\t");
                out.add(new Pair(f[0], f[1].equals("duplicate"), f[3], f[4], f[5], f[6]));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new DuplicatePairs(out);
    }

    Score score(Classifier classifier, MergePolicy policy) {
        CrossChannelMerge merge = new CrossChannelMerge(policy, TextSimilarity.standard(), classifier);
        Instant t0 = Instant.parse("2026-11-30T02:00:00Z");
        int dup = 0, dupLinked = 0, other = 0, otherLinked = 0;
        List<String> misses = new ArrayList<>();
        for (Pair p : pairs) {
            Intake a = intake(p.id() + "a", p.channelA(), p.textA(), t0, classifier);
            Intake b = intake(p.id() + "b", p.channelB(), p.textB(), t0.plusSeconds(3600), classifier);
            boolean linked = !merge.linksFor(b, List.of(new AppealRecord(a, AppealStatus.RECEIVED, t0)))
                    .isEmpty();
            if (p.duplicate()) {
                dup++;
                dupLinked += linked ? 1 : 0;
            } else {
                other++;
                otherLinked += linked ? 1 : 0;
            }
            if (linked != p.duplicate()) {
                misses.add("  " + p.id() + (p.duplicate() ? " not linked: " : " linked: ") + a.requestType() + "/"
                        + b.requestType() + " | " + p.textA() + " | " + p.textB());
            }
        }
        return new Score(dup, dupLinked, other, otherLinked, misses);
    }

    private static Intake intake(String id, String channel, String text, Instant at, Classifier classifier) {
        Channel ch = switch (channel) {
            case "phone" -> Channel.PHONE;
            case "weibo" -> Channel.WEIBO;
            case "wechat" -> Channel.WECHAT;
            case "app" -> Channel.APP;
            default -> Channel.WEB;
        };
        return Intake.builder()
                .intakeId(id)
                .channel(ch)
                .channelAccount("acct")
                .channelMessageId(id)
                .receivedAt(at)
                .contentType(ContentType.TEXT)
                .content(text)
                .citizen(new Citizen(null, null, "13800138000", null, null, false))
                .requestType(classifier.classify(text).requestType())
                .build();
    }
}

package cn.jiesu.core.merge;

import cn.jiesu.core.appeal.AppealRecord;
import cn.jiesu.core.appeal.AppealStatus;
import cn.jiesu.core.classify.Classifier;
import cn.jiesu.core.intake.Intake;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Decides which open appeals a new appeal should be linked to: the same citizen (a shared phone number or channel
 * account), received within the window, about the same matter. It only proposes links; it never drops or merges
 * an appeal away. Thread-safe.
 *
 * <p>One citizen writing again within days is usually writing about the same matter, told in another register (a
 * phone transcript after a form, a Weibo post after a WeChat message, a reminder that complains about the delay),
 * so a low similarity suffices, whatever the request types. The evidence against is the topics (from the
 * classification rules): bigram overlap is dominated by a shared address ("6号院3号楼停水" vs "6号院3号楼电梯坏了"),
 * so texts that name only different topics are not linked whatever their similarity.
 */
public final class CrossChannelMerge {
    private final MergePolicy policy;
    private final TextSimilarity similarity;
    private final Classifier classifier;

    public CrossChannelMerge(MergePolicy policy, TextSimilarity similarity, Classifier classifier) {
        this.policy = policy;
        this.similarity = similarity;
        this.classifier = classifier;
    }

    /** Links for {@code incoming} among {@code candidates}, most similar first. */
    public List<MergeLink> linksFor(Intake incoming, Collection<AppealRecord> candidates) {
        return linksFor(incoming, candidates, Set.of());
    }

    /**
     * @param linkedKeys further identities of the incoming citizen that the gateway knows (account bindings), in
     *                   {@link CitizenKeys} form
     */
    public List<MergeLink> linksFor(Intake incoming, Collection<AppealRecord> candidates, Set<String> linkedKeys) {
        String text = incoming.content();
        if (text == null || text.isBlank()) {
            return List.of();
        }
        Set<String> keys = new LinkedHashSet<>(CitizenKeys.of(incoming));
        keys.addAll(linkedKeys);
        Set<String> topics = classifier.classify(text).topics();
        List<MergeLink> links = new ArrayList<>();
        for (AppealRecord record : candidates) {
            Intake other = record.intake();
            String shared = sharedKey(keys, other);
            if (shared == null || !eligible(incoming, record)) {
                continue;
            }
            Set<String> otherTopics = classifier.classify(other.content()).topics();
            boolean bothNamed = !topics.isEmpty() && !otherTopics.isEmpty();
            if (bothNamed && disjoint(topics, otherTopics)) {
                continue; // different matters at one address: the address alone makes the texts look alike
            }
            if (!bothNamed && policy.requireSameRequestType() && other.requestType() != incoming.requestType()) {
                continue;
            }
            double score = Math.max(similarity.dice(text, other.content()), similarity.overlap(text, other.content()));
            if (score >= (bothNamed ? policy.minSharedTopic() : policy.minSimilarity())) {
                links.add(new MergeLink(other.intakeId(), score, shared));
            }
        }
        links.sort(Comparator.comparingDouble(MergeLink::similarity).reversed());
        return List.copyOf(links);
    }

    private boolean eligible(Intake incoming, AppealRecord record) {
        Intake other = record.intake();
        boolean open = record.status() == AppealStatus.RECEIVED || record.status() == AppealStatus.IN_PROGRESS;
        return open
                && !other.intakeId().equals(incoming.intakeId())
                && !incoming.relatedIntakeIds().contains(other.intakeId())
                && Duration.between(other.receivedAt(), incoming.receivedAt())
                                .abs()
                                .compareTo(policy.window())
                        <= 0
                && other.content() != null
                && !other.content().isBlank();
    }

    private static String sharedKey(Set<String> keys, Intake other) {
        for (String k : CitizenKeys.of(other)) {
            if (keys.contains(k)) {
                return k;
            }
        }
        return null;
    }

    private static boolean disjoint(Set<String> a, Set<String> b) {
        for (String x : a) {
            if (b.contains(x)) {
                return false;
            }
        }
        return true;
    }
}

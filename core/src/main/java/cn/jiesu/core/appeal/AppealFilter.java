package cn.jiesu.core.appeal;

import cn.jiesu.core.intake.PhoneNumbers;
import cn.jiesu.core.merge.CitizenKeys;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * One condition of an appeal search ({@code GET /api/v1/intakes}). A query holds any number of them and an appeal
 * is listed when it meets all. Each is also a predicate on a stored appeal ({@link #test}), so the store reads the
 * candidates from the index of the most selective one and checks the others on what it read.
 *
 * <p>Adding a filter (as {@code review=true} was): a record here with its {@link #test}, its query parameter in the
 * gateway's {@code IntakeQueryParams}, and its case in the store's choice of index ({@code RedisAppealSearch}); a
 * filter without an index of its own is checked on the recent-appeals window.
 */
public sealed interface AppealFilter {

    boolean test(AppealRecord record);

    /** Appeals indexed under a phone number (citizen phone, caller number, callback number). */
    record ByPhone(String digits) implements AppealFilter {
        @Override
        public boolean test(AppealRecord record) {
            return CitizenKeys.of(record.intake()).contains("phone:" + digits)
                    || digits.equals(PhoneNumbers.normalize(record.intake().callbackNumber()));
        }
    }

    /**
     * Appeals of a citizen identity ({@code WEIBO:2489518277}, {@code APP:u-42}, {@code phone:13800138000}) and
     * of the identities bound to it ({@code POST /api/v1/citizen-bindings}); {@code identities} lists the one asked
     * first, the store adds the bound ones ({@link #withBound}).
     */
    record ByCitizen(Set<String> identities) implements AppealFilter {
        public ByCitizen {
            if (identities.isEmpty()) {
                throw new IllegalArgumentException("identities: at least one");
            }
            identities = Collections.unmodifiableSet(new LinkedHashSet<>(identities));
        }

        public static ByCitizen of(String identity) {
            return new ByCitizen(Set.of(identity));
        }

        public String asked() {
            return identities.iterator().next();
        }

        public ByCitizen withBound(Set<String> bound) {
            Set<String> all = new LinkedHashSet<>(identities);
            all.addAll(bound);
            return new ByCitizen(all);
        }

        @Override
        public boolean test(AppealRecord record) {
            return CitizenKeys.of(record.intake()).stream().anyMatch(identities::contains);
        }
    }

    /** Appeals whose title or content holds every term ({@link SearchText#terms}: folded, non-empty). */
    record ByText(List<String> terms) implements AppealFilter {
        public ByText {
            terms = List.copyOf(terms);
            if (terms.isEmpty() || terms.size() > SearchText.MAX_TERMS) {
                throw new IllegalArgumentException("q: 1 to " + SearchText.MAX_TERMS + " terms");
            }
        }

        @Override
        public boolean test(AppealRecord record) {
            return SearchText.matches(record.intake(), terms);
        }
    }

    /**
     * Appeals whose tier an agent has (or, with {@code false}, has not) still to confirm ({@code triage.review});
     * {@code true} reads the review index, {@code false} is checked on what another filter or the window reads.
     */
    record UnderReview(boolean review) implements AppealFilter {
        @Override
        public boolean test(AppealRecord record) {
            return record.intake().triage().review() == review;
        }
    }
}

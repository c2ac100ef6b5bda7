package cn.jiesu.core.classify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.jiesu.core.classify.AhoCorasick.Match;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class AhoCorasickTest {

    @Test
    @DisplayName("finds every occurrence of overlapping and nested patterns in one pass")
    void overlappingAndNested() {
        AhoCorasick<String> ac = AhoCorasick.<String>builder()
                .add("he", "he")
                .add("she", "she")
                .add("his", "his")
                .add("hers", "hers")
                .build();
        assertThat(ac.findAll("ushers"))
                .extracting(Match::value, Match::start, Match::end)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("she", 1, 4),
                        org.assertj.core.groups.Tuple.tuple("he", 2, 4),
                        org.assertj.core.groups.Tuple.tuple("hers", 2, 6));
    }

    @Test
    @DisplayName("matches Chinese phrases, including one that is a suffix of another")
    void chinese() {
        AhoCorasick<String> ac = AhoCorasick.<String>builder()
                .add("燃气泄漏", "leak")
                .add("泄漏", "any-leak")
                .add("停水", "water")
                .build();
        List<String> found =
                ac.findAll("楼道燃气泄漏，还停水了").stream().map(Match::value).toList();
        assertThat(found).containsExactly("leak", "any-leak", "water");
    }

    @Test
    @DisplayName("the same pattern may stand for several values; each is reported")
    void samePatternSeveralValues() {
        AhoCorasick<Integer> ac =
                AhoCorasick.<Integer>builder().add("投诉", 1).add("投诉", 2).build();
        assertThat(ac.findAll("我要投诉")).extracting(Match::value).containsExactly(1, 2);
        assertThat(ac.patternCount()).isEqualTo(2);
    }

    @Test
    @DisplayName("agrees with naive substring search on random text over a small alphabet")
    void agreesWithNaiveSearch() {
        Random random = new Random(12345);
        String alphabet = "水电气热停";
        List<String> patterns = new ArrayList<>();
        AhoCorasick.Builder<String> b = AhoCorasick.builder();
        for (int i = 0; i < 40; i++) {
            String p = randomText(random, alphabet, 1 + random.nextInt(4));
            patterns.add(p);
            b.add(p, p);
        }
        AhoCorasick<String> ac = b.build();
        for (int round = 0; round < 200; round++) {
            String text = randomText(random, alphabet, random.nextInt(60));
            long naive = 0;
            for (String p : patterns) {
                for (int i = text.indexOf(p); i >= 0; i = text.indexOf(p, i + 1)) {
                    naive++;
                }
            }
            List<Match<String>> found = ac.findAll(text);
            assertThat(found).hasSize((int) naive);
            assertThat(found).allMatch(m -> text.substring(m.start(), m.end()).equals(m.value()));
        }
    }

    @Test
    @DisplayName("an empty pattern is refused; empty text gives no match")
    void edges() {
        assertThatThrownBy(() -> AhoCorasick.<String>builder().add("", "x"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(AhoCorasick.<String>builder().add("a", "a").build().findAll(""))
                .isEmpty();
    }

    private static String randomText(Random random, String alphabet, int length) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < length; i++) {
            sb.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return sb.toString();
    }
}

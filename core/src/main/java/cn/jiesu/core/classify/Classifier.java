package cn.jiesu.core.classify;

/** Sets an appeal's request type and urgency from its text; implementations are thread-safe. */
public interface Classifier {

    /** Classifies {@code text} (null or empty is allowed); an explicit choice wins over keyword rules. */
    Classification classify(String text, ExplicitChoice explicit);

    default Classification classify(String text) {
        return classify(text, ExplicitChoice.NONE);
    }
}

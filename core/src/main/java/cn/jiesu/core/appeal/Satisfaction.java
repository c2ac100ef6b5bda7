package cn.jiesu.core.appeal;

/** The citizen's rating of how an appeal was handled (满意度). */
public enum Satisfaction {
    SATISFIED("满意"),
    BASICALLY_SATISFIED("基本满意"),
    DISSATISFIED("不满意"),
    NO_RESPONSE("未评价");

    private final String chinese;

    Satisfaction(String chinese) {
        this.chinese = chinese;
    }

    public String chinese() {
        return chinese;
    }

    /** Counts towards 满意率: satisfied and basically satisfied. */
    public boolean isContent() {
        return this == SATISFIED || this == BASICALLY_SATISFIED;
    }
}

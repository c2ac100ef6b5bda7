package cn.jiesu.core.intake;

/** The citizen's kind of request (诉求类型), as the Beijing 接诉即办 regulation lists them. */
public enum RequestType {
    CONSULT("咨询"),
    HELP("求助"),
    COMPLAINT("投诉"),
    REPORT("举报"),
    SUGGESTION("建议"),
    PRAISE("表扬"),
    OTHER("其他");

    private final String chinese;

    RequestType(String chinese) {
        this.chinese = chinese;
    }

    /** The Chinese name agents and reports use. */
    public String chinese() {
        return chinese;
    }
}

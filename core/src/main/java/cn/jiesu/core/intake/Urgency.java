package cn.jiesu.core.intake;

/** Response tier (紧急程度) that decides the SLA deadline. */
public enum Urgency {
    /** 紧急: life or property at risk (gas smell, fire risk, someone trapped). */
    EMERGENCY("紧急"),
    /** 即时: water, power, gas or heating outages. */
    IMMEDIATE("即时"),
    /** 一般: everything else. */
    NORMAL("一般"),
    /** 复杂疑难: needs several departments or long investigation. */
    COMPLEX("复杂疑难");

    private final String chinese;

    Urgency(String chinese) {
        this.chinese = chinese;
    }

    public String chinese() {
        return chinese;
    }
}

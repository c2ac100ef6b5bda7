package cn.jiesu.gateway.config;

/** The gateway's own consumer of the intake stream (bookkeeping, merge, callbacks). */
public record IntakeConfig(String group, String consumer) {
    static IntakeConfig from(ConfigTree t) {
        return new IntakeConfig(t.string("intake.group"), t.string("intake.consumer"));
    }
}

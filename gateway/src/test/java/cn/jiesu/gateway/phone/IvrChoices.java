package cn.jiesu.gateway.phone;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.util.List;

/**
 * A caller's keys in the shipped IVR (config/ivr.yaml): language 1 普通话 / 2 English, then a main-menu key, and
 * what the appeal must say about them.
 */
record IvrChoices(String language, String menu) {
    /** The {@code n}-th of a spread of choices: every main-menu category in both languages. */
    static IvrChoices spread(int n) {
        return new IvrChoices(n % 2 == 0 ? "1" : "2", Integer.toString(1 + n % 5));
    }

    String[] keys() {
        return new String[] {language, menu};
    }

    List<String> path() {
        return List.of("lang:" + language, "menu:" + menu);
    }

    String requestType() {
        return switch (menu) {
            case "1", "2" -> "HELP";
            case "3" -> "COMPLAINT";
            case "4" -> "CONSULT";
            case "5" -> "SUGGESTION";
            default -> throw new IllegalArgumentException(menu);
        };
    }

    String urgency() {
        return switch (menu) {
            case "1" -> "EMERGENCY";
            case "2" -> "IMMEDIATE";
            default -> "NORMAL";
        };
    }

    String queue() {
        return "1".equals(menu) ? "priority" : "general";
    }

    /** The appeal of one call by {@code caller}, who dialled {@code dnis}, carries these choices. */
    void assertAppeal(JsonObject appeal, String caller, String dnis) {
        JsonObject call = appeal.getJsonObject("call");
        assertThat(appeal.getString("channel")).isEqualTo("PHONE");
        assertThat(appeal.getString("channelAccount")).isEqualTo("12345");
        assertThat(appeal.getJsonObject("citizen").getString("callerNumber"))
                .as("caller number")
                .isEqualTo(caller);
        assertThat(call.getJsonArray("ivrPath").getList())
                .as("IVR path of %s", caller)
                .isEqualTo(path());
        assertThat(appeal.getString("urgency")).as("urgency of %s", caller).isEqualTo(urgency());
        assertThat(appeal.getString("requestType"))
                .as("request type of %s", caller)
                .isEqualTo(requestType());
        assertThat(call.getString("language")).isEqualTo("1".equals(language) ? "zh" : "en");
        assertThat(call.getString("queue")).as("queue of %s", caller).isEqualTo(queue());
        assertThat(call.getString("dnis")).as("dnis of %s", caller).isEqualTo(dnis);
        assertThat(call.getString("linkedid")).isEqualTo(appeal.getString("channelMessageId"));
    }
}

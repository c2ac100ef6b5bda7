package cn.jiesu.gateway.channels;

/** The web form's problems in the citizen's words, by field and the adapter's error code. */
final class WebFormErrors {
    private WebFormErrors() {}

    static String explain(String field, String code) {
        boolean missing = "field_missing".equals(code);
        return switch (field) {
            case "category" -> missing ? "请选择问题类别。" : "请从列表中选择问题类别。";
            case "request_type" -> "请从“您是想”中选择一项，或选择“不确定，由我们判断”。";
            case "name" -> "姓名最多 50 字，且不能含有特殊控制字符。";
            case "description" ->
                missing
                        ? "请填写诉求内容。"
                        : "field_too_short".equals(code) ? "请用几句话说明发生了什么、在哪里（至少 4 个字）。" : "诉求内容最多 4000 字，且不能含有特殊控制字符。";
            case "address" -> missing ? "请填写事发地址。" : "事发地址最多 200 字，且不能含有特殊控制字符。";
            case "phone" -> missing ? "勾选了“请回电给我”，请填写联系电话。" : "请填写能接通的电话：手机 11 位，固定电话请带区号（如 010-12345678）。";
            default -> "此项填写有误，请检查。";
        };
    }
}

package cn.jiesu.gateway.channels;

import cn.jiesu.channels.catalog.ServiceCatalog;
import cn.jiesu.channels.catalog.ServiceDefinition;
import cn.jiesu.core.intake.RequestType;
import cn.jiesu.core.intake.Urgency;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Renders the web form's pages from the templates in {@code web/} (classpath): the form (categories from the
 * service catalog, the citizen's values and per-field errors when it comes back), the confirmation with the appeal
 * number, and a short message page. Placeholders are {@code {{name}}}; every value is HTML-escaped here, so the
 * templates stay plain HTML. Immutable, thread-safe.
 */
final class WebFormPage {
    static final List<String> FIELDS = List.of("category", "request_type", "description", "address", "name", "phone");
    /** The checkboxes: "on" when ticked. */
    static final List<String> CHECKS = List.of("callback", "confidential");

    private static final Map<String, String> LABELS = Map.of(
            "category", "问题类别",
            "request_type", "您是想",
            "description", "诉求内容",
            "address", "事发地址",
            "name", "姓名",
            "phone", "联系电话");
    private static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
    private static final DateTimeFormatter DUE = DateTimeFormatter.ofPattern("yyyy年M月d日 HH:mm");

    private final String form;
    private final String submitted;
    private final String message;
    private final String css;
    private final ServiceCatalog catalog;

    WebFormPage(ServiceCatalog catalog) {
        this.catalog = catalog;
        this.form = resource("appeal.html");
        this.submitted = resource("submitted.html");
        this.message = resource("message.html");
        this.css = resource("form.css");
    }

    /**
     * @param values  what the citizen submitted (field → value), empty for a fresh form
     * @param errors  field → message in Chinese; shown under the field, and the field is marked invalid
     * @param summary a message above the form (e.g. the page expired), or null
     */
    String form(String csrfToken, Map<String, String> values, Map<String, String> errors, String summary) {
        Map<String, String> v = new LinkedHashMap<>();
        v.put("csrf_token", HtmlText.escape(csrfToken));
        v.put("summary", summary(errors, summary));
        for (String f : FIELDS) {
            String error = errors.get(f);
            v.put(f, HtmlText.escape(values.getOrDefault(f, "")));
            v.put(f + "_class", error == null ? "" : " invalid");
            v.put(f + "_invalid", error == null ? "" : " aria-invalid=\"true\" aria-describedby=\"err-" + f + "\"");
            v.put(
                    f + "_error",
                    error == null
                            ? ""
                            : "<p class=\"error\" id=\"err-" + f + "\" data-testid=\"error-" + f + "\">"
                                    + HtmlText.escape(error) + "</p>");
        }
        for (String c : CHECKS) {
            v.put(c + "_checked", "on".equals(values.get(c)) ? " checked" : "");
        }
        // the radio group: described by its error on the fieldset; each radio carries aria-invalid itself
        v.put(
                "request_type_described",
                errors.containsKey("request_type") ? " aria-describedby=\"err-request_type\"" : "");
        v.put("category_options", categoryOptions(values.get("category")));
        v.put(
                "request_type_options",
                requestTypeOptions(values.get("request_type"), errors.containsKey("request_type")));
        return fill(form, v);
    }

    /** The confirmation of a stored appeal: its number, its tier's deadline, and for an emergency what to do now. */
    String submitted(String appealNo, Urgency urgency, Instant receivedAt, Instant dueAt) {
        Map<String, String> v = new LinkedHashMap<>();
        v.put("no", HtmlText.escape(appealNo));
        v.put(
                "emergency",
                urgency == Urgency.EMERGENCY
                        ? "<p class=\"emergency\" role=\"alert\" data-testid=\"emergency\">"
                                + "如有人身危险，请立即拨打 110 / 119 / 120 或 12345</p>"
                        : "");
        v.put("tier", HtmlText.escape(urgency.chinese()));
        v.put("limit", HtmlText.escape(limit(Duration.between(receivedAt, dueAt))));
        v.put("due", HtmlText.escape(DUE.format(dueAt.atZone(ZONE))));
        return fill(submitted, v);
    }

    /** "2 小时", "7 天": the tier's time limit in the citizen's words. */
    static String limit(Duration d) {
        long minutes = Math.max(0, d.toMinutes());
        if (minutes < 60) {
            return minutes + " 分钟";
        }
        if (minutes % (24 * 60) == 0 && minutes >= 48 * 60) {
            return minutes / (24 * 60) + " 天";
        }
        return minutes % 60 == 0 ? minutes / 60 + " 小时" : minutes / 60 + " 小时 " + minutes % 60 + " 分钟";
    }

    /** The error summary: every problem, each a link to its field; focused on load (no JavaScript needed). */
    private static String summary(Map<String, String> errors, String summary) {
        if (summary == null && errors.isEmpty()) {
            return "";
        }
        StringBuilder out =
                new StringBuilder("<div class=\"summary\" id=\"error-summary\" role=\"alert\" tabindex=\"-1\" autofocus"
                        + " aria-labelledby=\"error-summary-title\" data-testid=\"summary\">\n");
        out.append("    <h2 id=\"error-summary-title\">")
                .append(HtmlText.escape(summary != null ? summary : "提交未成功，请修改以下 " + errors.size() + " 处后重新提交："))
                .append("</h2>\n");
        if (!errors.isEmpty()) {
            out.append("    <ul>\n");
            for (String f : FIELDS) {
                String e = errors.get(f);
                if (e != null) {
                    out.append("      <li><a href=\"#")
                            .append(f)
                            .append("\">")
                            .append(HtmlText.escape(LABELS.get(f) + "：" + e))
                            .append("</a></li>\n");
                }
            }
            out.append("    </ul>\n");
        }
        return out.append("  </div>").toString();
    }

    String message(String title, String text) {
        return fill(message, Map.of("title", HtmlText.escape(title), "message", HtmlText.escape(text)));
    }

    String css() {
        return css;
    }

    /** The catalog's services under one optgroup per group (a group listed once even if its codes are apart). */
    private String categoryOptions(String selected) {
        Map<String, List<ServiceDefinition>> groups = new LinkedHashMap<>();
        for (ServiceDefinition s : catalog.all()) {
            groups.computeIfAbsent(s.group() == null ? "其他" : s.group(), g -> new ArrayList<>())
                    .add(s);
        }
        StringBuilder out = new StringBuilder();
        for (Map.Entry<String, List<ServiceDefinition>> g : groups.entrySet()) {
            out.append("        <optgroup label=\"")
                    .append(HtmlText.escape(g.getKey()))
                    .append("\">\n");
            for (ServiceDefinition s : g.getValue()) {
                out.append("          <option value=\"")
                        .append(HtmlText.escape(s.code()))
                        .append('"')
                        .append(s.code().equals(selected) ? " selected" : "")
                        .append('>')
                        .append(HtmlText.escape(s.name()))
                        .append("</option>\n");
            }
            out.append("        </optgroup>\n");
        }
        return out.toString().stripTrailing();
    }

    /** "您是想：" as radios in plain words; "不确定" (empty) lets triage infer the type from the text. */
    private static String requestTypeOptions(String selected, boolean invalid) {
        String chosen = selected == null ? "" : selected;
        String aria = invalid ? " aria-invalid=\"true\"" : "";
        StringBuilder out = new StringBuilder();
        out.append("      <span class=\"option\"><input type=\"radio\" id=\"request_type\" name=\"request_type\""
                        + " value=\"\"")
                .append(chosen.isEmpty() ? " checked" : "")
                .append(aria)
                .append("><label for=\"request_type\">不确定，由我们判断</label></span>\n");
        for (RequestType t : RequestType.values()) {
            if (t == RequestType.OTHER) {
                continue;
            }
            String id = "request_type_" + t.name();
            out.append("      <span class=\"option\"><input type=\"radio\" id=\"")
                    .append(id)
                    .append("\" name=\"request_type\" value=\"")
                    .append(t.name())
                    .append('"')
                    .append(t.name().equals(chosen) ? " checked" : "")
                    .append(aria)
                    .append("><label for=\"")
                    .append(id)
                    .append("\">")
                    .append(HtmlText.escape(t.chinese()))
                    .append("</label></span>\n");
        }
        return out.toString().stripTrailing();
    }

    private static String fill(String template, Map<String, String> values) {
        StringBuilder out = new StringBuilder(template.length() + 1024);
        int i = 0;
        while (true) {
            int open = template.indexOf("{{", i);
            if (open < 0) {
                return out.append(template, i, template.length()).toString();
            }
            int close = template.indexOf("}}", open);
            out.append(template, i, open);
            out.append(Objects.requireNonNull(
                    values.get(template.substring(open + 2, close)),
                    () -> "template value " + template.substring(open + 2, close)));
            i = close + 2;
        }
    }

    private static String resource(String name) {
        try (InputStream in = WebFormPage.class.getClassLoader().getResourceAsStream("web/" + name)) {
            if (in == null) {
                throw new IllegalStateException("web/" + name + " is missing from the classpath (broken build)");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

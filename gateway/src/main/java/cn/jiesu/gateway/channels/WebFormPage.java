package cn.jiesu.gateway.channels;

import cn.jiesu.channels.catalog.ServiceCatalog;
import cn.jiesu.channels.catalog.ServiceDefinition;
import cn.jiesu.core.intake.RequestType;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
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
    static final List<String> FIELDS = List.of("category", "request_type", "description", "address", "phone");

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
        v.put(
                "summary",
                summary == null && errors.isEmpty()
                        ? ""
                        : "<p class=\"summary\" role=\"alert\" data-testid=\"summary\">"
                                + HtmlText.escape(summary != null ? summary : "提交未成功，请按提示修改后重新提交。") + "</p>");
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
        v.put("callback_checked", "on".equals(values.get("callback")) ? " checked" : "");
        v.put("category_options", categoryOptions(values.get("category")));
        v.put("request_type_options", requestTypeOptions(values.get("request_type")));
        return fill(form, v);
    }

    String submitted(String appealNo) {
        return fill(submitted, Map.of("no", HtmlText.escape(appealNo)));
    }

    String message(String title, String text) {
        return fill(message, Map.of("title", HtmlText.escape(title), "message", HtmlText.escape(text)));
    }

    String css() {
        return css;
    }

    private String categoryOptions(String selected) {
        StringBuilder out = new StringBuilder();
        String group = null;
        for (ServiceDefinition s : catalog.all()) {
            String g = s.group() == null ? "其他" : s.group();
            if (!g.equals(group)) {
                out.append(group == null ? "" : "        </optgroup>\n");
                out.append("        <optgroup label=\"")
                        .append(HtmlText.escape(g))
                        .append("\">\n");
                group = g;
            }
            out.append("          <option value=\"")
                    .append(HtmlText.escape(s.code()))
                    .append('"')
                    .append(s.code().equals(selected) ? " selected" : "")
                    .append('>')
                    .append(HtmlText.escape(s.name()))
                    .append("</option>\n");
        }
        return out.append(group == null ? "" : "        </optgroup>").toString();
    }

    private static String requestTypeOptions(String selected) {
        StringBuilder out = new StringBuilder("        <option value=\"\">由我们判断</option>\n");
        for (RequestType t : RequestType.values()) {
            if (t == RequestType.OTHER) {
                continue;
            }
            out.append("        <option value=\"")
                    .append(t.name())
                    .append('"')
                    .append(t.name().equals(selected) ? " selected" : "")
                    .append('>')
                    .append(HtmlText.escape(t.chinese()))
                    .append("</option>\n");
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

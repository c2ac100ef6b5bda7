package cn.jiesu.channels.weibo;

import cn.jiesu.channels.FlatXml;
import cn.jiesu.channels.InputRejected;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Weibo's WeChat-compatible XML mode (chosen by the account through {@code Eps/push/set_format}), read into the
 * same {@link WeiboMessage} as the JSON push, so dedupe, classification and the reply are the same. Weibo's docs:
 * {@code MsgId} is always empty and {@code PicUrl} too, {@code MediaId} carries the file id ({@code tovfid}). The
 * dedupe key therefore stays the synthesized one (sender, time, content hash), never MsgId.
 */
final class WeiboXml {
    private static final Pattern EPOCH_SECONDS = Pattern.compile("[0-9]{1,12}");

    private WeiboXml() {}

    static WeiboMessage message(Map<String, String> f) throws InputRejected {
        String msgType = required(f, "MsgType").toLowerCase(Locale.ROOT);
        String receiver = required(f, "ToUserName");
        String sender = required(f, "FromUserName");
        String createTime = required(f, "CreateTime");
        if (!EPOCH_SECONDS.matcher(createTime).matches()) {
            throw InputRejected.badField("CreateTime", "expected epoch seconds");
        }
        JsonObject data = new JsonObject();
        String type = msgType;
        String text = text(f, "Content");
        switch (msgType) {
            case "location" -> {
                type = "position";
                putIfPresent(data, "latitude", text(f, "Location_X"));
                putIfPresent(data, "longitude", text(f, "Location_Y"));
                text = text(f, "Label");
            }
            case "image", "voice" -> putIfPresent(data, "tovfid", text(f, "MediaId"));
            case "event" -> {
                String event = text(f, "Event");
                putIfPresent(data, "subtype", event == null ? null : event.toLowerCase(Locale.ROOT));
                putIfPresent(data, "key", text(f, "EventKey"));
            }
            default -> {
                // text and types we do not know: the envelope and Content, as in JSON mode
            }
        }
        long sent = Long.parseLong(createTime);
        return new WeiboMessage(type, receiver, sender, Instant.ofEpochSecond(sent), sent, text, data);
    }

    private static String required(Map<String, String> f, String name) throws InputRejected {
        return FlatXml.required(f, name);
    }

    private static String text(Map<String, String> f, String name) {
        return FlatXml.text(f, name);
    }

    private static void putIfPresent(JsonObject data, String key, String value) {
        if (value != null) {
            data.put(key, value);
        }
    }
}

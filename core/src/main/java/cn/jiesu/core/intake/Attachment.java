package cn.jiesu.core.intake;

import java.util.Objects;

/**
 * A file that belongs to an appeal: a recording, a photo, a channel media id.
 *
 * @param kind      IMAGE, VOICE, VIDEO, RECORDING or FILE
 * @param reference where to fetch it (a path, a URL, a channel media id)
 * @param mime      media type when known
 * @param sha256    lowercase hex digest when the bytes were seen
 * @param size      size in bytes, or -1 when unknown
 */
public record Attachment(String kind, String reference, String mime, String sha256, long size) {
    public Attachment {
        Objects.requireNonNull(kind, "attachment kind");
        Objects.requireNonNull(reference, "attachment reference");
    }
}

package cn.jiesu.channels;

import java.util.Set;

/** A channel endpoint's HTTP envelope: methods, body limit and media types, refused with the JSON error body. */
public final class RequestEnvelope {
    /** What an endpoint does with one method's request; refusing throws {@link InputRejected}. */
    @FunctionalInterface
    public interface Step {
        ChannelResult apply(InboundRequest request) throws InputRejected;
    }

    private final int maxBodyBytes;
    private final Set<String> mediaTypes;
    private final boolean mediaTypeOptional;

    /** @param mediaTypeOptional whether a request without Content-Type passes (push platforms may send none) */
    public RequestEnvelope(int maxBodyBytes, Set<String> mediaTypes, boolean mediaTypeOptional) {
        this.maxBodyBytes = maxBodyBytes;
        this.mediaTypes = Set.copyOf(mediaTypes);
        this.mediaTypeOptional = mediaTypeOptional;
    }

    /** POST only (anything else is 405); the body limit is checked before {@code post} runs. Never throws. */
    public ChannelResult post(InboundRequest request, Step post) {
        try {
            if (!request.method().equals("POST")) {
                return ErrorReplies.json(new InputRejected(405, "method_not_allowed", null, "method: use POST"))
                        .withHeader("Allow", "POST");
            }
            return bodyChecked(request, post);
        } catch (InputRejected e) {
            return ErrorReplies.json(e);
        } catch (RuntimeException e) {
            return ErrorReplies.internal(e);
        }
    }

    /**
     * GET or HEAD (a push platform's URL verification; HEAD is answered like GET, without the body) or POST (a
     * pushed message, body limit checked first); anything else is 405 with {@code Allow}. Never throws.
     */
    public ChannelResult getOrPost(InboundRequest request, Step get, Step post) {
        try {
            return switch (request.method()) {
                case "GET", "HEAD" -> get.apply(request);
                case "POST" -> bodyChecked(request, post);
                default ->
                    ErrorReplies.json(new InputRejected(405, "method_not_allowed", null, "method: use GET or POST"))
                            .withHeader("Allow", "GET, HEAD, POST");
            };
        } catch (InputRejected e) {
            return ErrorReplies.json(e);
        } catch (RuntimeException e) {
            return ErrorReplies.internal(e);
        }
    }

    /**
     * 415 unless the Content-Type is one of this endpoint's; left to the step because most channels authenticate
     * first, and a client with a bad key must hear 401, not 415.
     */
    public void checkMediaType(InboundRequest request) throws InputRejected {
        RequestChecks.mediaType(request, mediaTypes, mediaTypeOptional);
    }

    private ChannelResult bodyChecked(InboundRequest request, Step step) throws InputRejected {
        RequestChecks.bodyWithin(request, maxBodyBytes);
        return step.apply(request);
    }
}

package io.stacks.outbox;

/**
 * A side effect on a peer service, as the outbox keeps it: what happened ({@code type}, {@code key}: e.g.
 * {@code book.deleted} of a book id) and the internal request that applies it at {@code target}.
 *
 * @param payload the JSON body, or null for none
 */
public record PeerRequest(String type, String key, String target, String method, String path, String payload) {

    public static PeerRequest post(String type, String key, String target, String path, String payload) {
        return new PeerRequest(type, key, target, "POST", path, payload);
    }

    public static PeerRequest delete(String type, String key, String target, String path) {
        return new PeerRequest(type, key, target, "DELETE", path, null);
    }
}

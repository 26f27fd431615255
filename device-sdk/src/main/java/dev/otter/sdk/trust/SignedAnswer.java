package dev.otter.sdk.trust;

/**
 * An update-check answer as received: the exact bytes and its {@code Otter-Signature} header
 * ({@code keyid=…; alg=Ed25519; sig=<base64url>}). Nothing in it is read before it is verified.
 */
public final class SignedAnswer {
    private final byte[] body;
    private final String signature;

    public SignedAnswer(byte[] body, String signature) {
        this.body = body.clone();
        this.signature = signature;
    }

    public byte[] body() {
        return body.clone();
    }

    /** The {@code Otter-Signature} header, or null when the answer came without one. */
    public String signature() {
        return signature;
    }

    byte[] bytes() {
        return body;
    }
}

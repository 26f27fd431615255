package dev.otter.manifest.signing.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Device answers as signed bytes. The canonical form is the body exactly as sent: JSON with object
 * keys in lexicographic order and no insignificant whitespace (what this class writes). The
 * signature goes in the {@code Otter-Signature} header, {@code keyid=<kid>;alg=Ed25519;sig=<base64url>},
 * so a device verifies the raw bytes it received before parsing them — as Omaha's CUP does.
 */
@ApplicationScoped
public class SignedJson {
    /** The response header carrying the signature. */
    public static final String HEADER = "Otter-Signature";

    private final ObjectMapper canonical;
    private final SigningKeys keys;

    @SuppressWarnings("deprecation") // configuring a copy is how the service's mapper settings are kept
    public SignedJson(ObjectMapper json, SigningKeys keys) {
        this.canonical = json.copy()
                .configure(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY, true)
                .configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true)
                .configure(SerializationFeature.INDENT_OUTPUT, false);
        this.keys = keys;
    }

    /** A body and its signature header value. */
    public record Signed(byte[] body, String signature) {}

    public Signed sign(Object value) {
        try {
            return sign(canonical.writeValueAsBytes(value));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialize the answer", e);
        }
    }

    /**
     * Signs a body, reusing the signature of an identical body signed within the same minute: a
     * fleet in few distinct states gets few distinct answers, and Ed25519 costs ~45 µs each. The
     * cache key is the body's SHA-256; the cache is dropped every minute (bodies carry the minute).
     */
    public Signed sign(byte[] body) {
        long minute = System.currentTimeMillis() / 60_000;
        if (minute != cachedMinute) {
            cache.clear();
            cachedMinute = minute;
        }
        ByteBuffer key = ByteBuffer.wrap(sha256().digest(body)); // compared by content
        String signature = cache.get(key);
        if (signature == null) {
            signature = "keyid=" + keys.keyId() + ";alg=Ed25519;sig=" + keys.sign(body);
            if (cache.size() < MAX_CACHED) {
                cache.put(key, signature);
            }
        }
        return new Signed(body, signature);
    }

    private static final int MAX_CACHED = 100_000;
    private final Map<ByteBuffer, String> cache = new ConcurrentHashMap<>();
    private volatile long cachedMinute = -1;
    private static final ThreadLocal<MessageDigest> SHA256 = ThreadLocal.withInitial(() -> {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    });

    private static MessageDigest sha256() {
        return SHA256.get();
    }
}

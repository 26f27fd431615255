package dev.otter.manifest.signing.service;

import dev.otter.manifest.config.ManifestConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.crypto.params.Ed25519PublicKeyParameters;
import org.bouncycastle.crypto.signers.Ed25519Signer;
import org.jboss.logging.Logger;

/**
 * The active Ed25519 signing key and the set of public keys devices may verify with (the active one
 * and, during a rotation, previous ones). Signs with BouncyCastle: ~45 µs a signature here, where
 * the JDK's EdDSA takes ~800 µs.
 */
@ApplicationScoped
public class SigningKeys {
    private static final Logger LOG = Logger.getLogger(SigningKeys.class);
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();

    /** A published key: its id, its 32-byte public key (base64url) and whether it signs now. */
    public record PublishedKey(String kid, String alg, String publicKey, String status) {}

    private final String keyId;
    private final Ed25519PrivateKeyParameters privateKey;
    private final List<PublishedKey> published;

    @jakarta.inject.Inject
    public SigningKeys(ManifestConfig config) {
        this(
                config.signing().keyId(),
                Path.of(config.signing().keyFile()),
                config.signing().generateIfMissing(),
                config.signing().previousPublicKeys().orElse(List.of()));
    }

    /** The active key from {@code keyFile}, and previous public keys as {@code <kid>:<base64url>}. */
    public SigningKeys(String keyId, Path keyFile, boolean generateIfMissing, List<String> previousPublicKeys) {
        this.keyId = keyId;
        this.privateKey = load(keyFile, generateIfMissing);
        List<PublishedKey> keys = new ArrayList<>();
        keys.add(new PublishedKey(keyId, "Ed25519", B64.encodeToString(publicKey()), "active"));
        for (String entry : previousPublicKeys) {
            int colon = entry.indexOf(':');
            if (colon <= 0 || !isKey(entry.substring(colon + 1).strip())) {
                throw new IllegalArgumentException(
                        "otter.manifest.signing.previous-public-keys: expected <key id>:<base64url 32-byte key>, got "
                                + entry);
            }
            keys.add(new PublishedKey(
                    entry.substring(0, colon).strip(),
                    "Ed25519",
                    entry.substring(colon + 1).strip(),
                    "previous"));
        }
        this.published = List.copyOf(keys);
    }

    private static boolean isKey(String base64) {
        try {
            return Base64.getUrlDecoder().decode(base64).length == 32;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    public String keyId() {
        return keyId;
    }

    public List<PublishedKey> published() {
        return published;
    }

    /** The raw 32-byte public key of the active key. */
    public byte[] publicKey() {
        return privateKey.generatePublicKey().getEncoded();
    }

    /** The base64url Ed25519 signature of {@code message}. */
    public String sign(byte[] message) {
        Ed25519Signer signer = new Ed25519Signer();
        signer.init(true, privateKey);
        signer.update(message, 0, message.length);
        return B64.encodeToString(signer.generateSignature());
    }

    /** Whether {@code signature} (base64url) is a valid signature of {@code message} by {@code publicKey}. */
    public static boolean verify(byte[] publicKey, byte[] message, String signature) {
        try {
            Ed25519Signer verifier = new Ed25519Signer();
            verifier.init(false, new Ed25519PublicKeyParameters(publicKey, 0));
            verifier.update(message, 0, message.length);
            return verifier.verifySignature(Base64.getUrlDecoder().decode(signature));
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static Ed25519PrivateKeyParameters load(Path file, boolean generate) {
        try {
            if (!Files.exists(file)) {
                if (!generate) {
                    throw new IllegalStateException("signing key file " + file + " is missing");
                }
                Ed25519PrivateKeyParameters fresh = new Ed25519PrivateKeyParameters(new SecureRandom());
                Files.createDirectories(file.toAbsolutePath().getParent());
                Files.writeString(file, B64.encodeToString(fresh.getEncoded()) + "\n");
                LOG.warnf("generated a development signing key in %s: configure your own in production", file);
            }
            byte[] seed = Base64.getUrlDecoder()
                    .decode(Files.readString(file, StandardCharsets.US_ASCII).strip());
            if (seed.length != 32) {
                throw new IllegalStateException("signing key file " + file + " does not hold a 32-byte Ed25519 seed");
            }
            return new Ed25519PrivateKeyParameters(seed, 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

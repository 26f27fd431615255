package dev.otter.simulator.device;

import dev.otter.sdk.trust.TrustedKeys;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.crypto.signers.Ed25519Signer;

/** Signs fake update-check answers the way manifest-service does (Otter-Signature header over the bytes). */
final class TestSigner {
    private final Ed25519PrivateKeyParameters key = new Ed25519PrivateKeyParameters(new SecureRandom());

    String header(byte[] body) {
        Ed25519Signer signer = new Ed25519Signer();
        signer.init(true, key);
        signer.update(body, 0, body.length);
        return "keyid=test;alg=Ed25519;sig="
                + Base64.getUrlEncoder().withoutPadding().encodeToString(signer.generateSignature());
    }

    TrustedKeys keys() {
        return new TrustedKeys(Map.of("test", key.generatePublicKey().getEncoded()));
    }
}

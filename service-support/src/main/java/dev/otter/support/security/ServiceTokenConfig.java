package dev.otter.support.security;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Service-to-service tokens from the platform's own issuer (Kubernetes projected service-account
 * tokens), accepted beside the operators' identity provider. Off unless {@code issuer} is set.
 */
@ConfigMapping(prefix = "otter.security.service-tokens")
public interface ServiceTokenConfig {
    /** The platform's token issuer, e.g. the cluster's service-account issuer URL; empty: off. */
    Optional<String> issuer();

    /** Where the issuer's signing keys are: a JWKS URL (the cluster's /openid/v1/jwks) or a PEM/JWKS file. */
    Optional<String> keys();

    /** CA certificate (PEM file) to trust when fetching the keys over HTTPS, e.g. the cluster's root CA. */
    Optional<String> keysCaCertificate();

    /** The audience a token must be issued for. */
    @WithDefault("otter")
    String audience();

    /** The longest a token may be valid for (exp − iat); longer-lived tokens are refused. */
    @WithDefault("PT1H")
    Duration maxLifetime();

    /** The namespace the calling service accounts live in (their subject is system:serviceaccount:NS:NAME). */
    Optional<String> namespace();

    /** Otter roles per service-account name, e.g. {@code rollout-service=viewer}; other accounts are refused. */
    Map<String, List<String>> roles();
}

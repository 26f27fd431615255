package dev.otter.console.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/** Where the console finds the services' operator APIs, and how operators log in. */
@ConfigMapping(prefix = "otter.console")
public interface ConsoleConfig {
    /** manifest-service: the catalog, applications and their keys. */
    @WithDefault("http://127.0.0.1:8081")
    URI manifestUrl();

    /** rollout-service: rollouts, audit, guard triggers, device explanations. */
    @WithDefault("http://127.0.0.1:8082")
    URI rolloutUrl();

    /** telemetry-service: live rollout health. */
    @WithDefault("http://127.0.0.1:8083")
    URI telemetryUrl();

    /** How long one API call may take before the page shows the service as unavailable. */
    @WithDefault("10s")
    Duration apiTimeout();

    /** How often the live health panel and chart of a rollout refresh. */
    @WithDefault("3s")
    Duration healthRefresh();

    /** Whether the session cookie is marked Secure (browsers accept it on http://localhost too). */
    @WithDefault("true")
    boolean secureCookie();

    /** The development login. */
    DevLogin devLogin();

    /** Sign-in through the organisation's OpenID Connect provider. */
    Oidc oidc();

    /**
     * Production sign-in: authorization code with PKCE at an OpenID Connect provider. The session is
     * the provider's access token, verified like any operator token (point OTTER_JWT_PUBLIC_KEY at the
     * provider's JWKS and OTTER_JWT_ISSUER at its issuer, for the console and the services alike);
     * roles come from its "groups" claim.
     */
    interface Oidc {
        /** The provider's issuer URL (discovery at /.well-known/openid-configuration); unset = no OIDC sign-in. */
        Optional<URI> issuer();

        /** The console's client id at the provider. */
        @WithDefault("otter-console")
        String clientId();

        /** The client secret, for a confidential client; a public client relies on PKCE alone. */
        Optional<String> clientSecret();

        /** The scopes asked for. */
        @WithDefault("openid")
        String scopes();

        /**
         * The console's public URL, for the redirect URI the provider sends browsers back to
         * ({@code <url>/login/callback}); unset = taken from the request (behind a proxy, set it).
         */
        Optional<URI> publicUrl();

        /** What the sign-in button says. */
        @WithDefault("your organisation's sign-in")
        String providerName();
    }

    /** Local development only: a login form that signs a token with the local key for a chosen role. */
    interface DevLogin {
        /**
         * The local private key (deploy/local/run.sh makes .local/keys/operator.key). Unset — as in
         * every Kubernetes overlay — means no development login at all.
         */
        Optional<Path> keyFile();

        /** How long a development login lasts. */
        @WithDefault("8h")
        Duration ttl();
    }
}

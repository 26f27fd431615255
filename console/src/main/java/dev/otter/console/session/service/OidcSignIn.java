package dev.otter.console.session.service;

import dev.otter.console.config.ConsoleConfig;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.User;
import io.vertx.ext.auth.oauth2.OAuth2Auth;
import io.vertx.ext.auth.oauth2.OAuth2Options;
import io.vertx.ext.auth.oauth2.Oauth2Credentials;
import io.vertx.ext.auth.oauth2.providers.OpenIDConnectAuth;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * Sign-in at the organisation's OpenID Connect provider: authorization code with PKCE (S256), a
 * random state against forged callbacks, the code exchanged for tokens by Vert.x's OAuth2 client
 * (provider found by discovery). The access token becomes the session; its lifetime is the session's.
 */
@ApplicationScoped
public class OidcSignIn {
    private static final Logger LOG = Logger.getLogger(OidcSignIn.class);
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Duration CALL_TIMEOUT = Duration.ofSeconds(10);

    private final ConsoleConfig.Oidc config;
    private final Vertx vertx;
    private volatile OAuth2Auth provider;

    public OidcSignIn(ConsoleConfig config, Vertx vertx) {
        this.config = config.oidc();
        this.vertx = vertx;
    }

    /** Whether this console signs in through a provider. */
    public boolean enabled() {
        return config.issuer().isPresent();
    }

    /** The provider's name for the sign-in button. */
    public String providerName() {
        return config.providerName();
    }

    /** A new sign-in: the state and PKCE verifier to keep in a cookie, and where to send the browser. */
    public Start start(URI requestBase) {
        String state = random();
        String verifier = random() + random();
        JsonObject params = new JsonObject()
                .put("redirect_uri", redirectUri(requestBase))
                .put("scope", config.scopes())
                .put("state", state)
                .put("code_challenge", challenge(verifier))
                .put("code_challenge_method", "S256");
        return new Start(state, verifier, URI.create(provider().authorizeURL(params)));
    }

    /** The provider's answer: the access token and how long it lasts, or a refusal with its reason. */
    public Session finish(URI requestBase, String code, String verifier) {
        Oauth2Credentials credentials = new Oauth2Credentials()
                .setCode(code)
                .setRedirectUri(redirectUri(requestBase))
                .setCodeVerifier(verifier);
        User user =
                await(provider().authenticate(credentials).toCompletionStage().toCompletableFuture());
        String token = user.principal().getString("access_token");
        if (token == null) {
            throw new IllegalStateException("the provider answered without an access token");
        }
        long seconds =
                Optional.ofNullable(user.principal().getLong("expires_in")).orElse(300L);
        return new Session(token, Duration.ofSeconds(seconds));
    }

    /** What a sign-in keeps until the provider sends the browser back. */
    public record Start(String state, String verifier, URI redirect) {}

    /** A signed-in session: the provider's access token and its lifetime. */
    public record Session(String token, Duration ttl) {}

    private String redirectUri(URI requestBase) {
        String base = config.publicUrl().orElse(requestBase).toString();
        return (base.endsWith("/") ? base.substring(0, base.length() - 1) : base) + "/login/callback";
    }

    // Discovered on first use, not at start: the console starts (and shows the dev login, if any)
    // while the provider is away; a failed discovery is tried again on the next sign-in.
    private OAuth2Auth provider() {
        OAuth2Auth known = provider;
        if (known == null) {
            OAuth2Options options = new OAuth2Options()
                    .setSite(config.issuer().orElseThrow().toString())
                    .setClientId(config.clientId());
            config.clientSecret().ifPresent(options::setClientSecret);
            known = await(OpenIDConnectAuth.discover(vertx, options)
                    .toCompletionStage()
                    .toCompletableFuture());
            LOG.infof("OpenID Connect provider %s discovered", config.issuer().get());
            provider = known;
        }
        return known;
    }

    private static <T> T await(java.util.concurrent.CompletableFuture<T> future) {
        try {
            return future.get(CALL_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException(e.getCause().getMessage(), e.getCause());
        } catch (java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException(
                    "the identity provider did not answer within " + CALL_TIMEOUT.toSeconds() + " s");
        }
    }

    private static String random() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static String challenge(String verifier) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}

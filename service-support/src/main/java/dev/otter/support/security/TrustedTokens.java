package dev.otter.support.security;

import io.smallrye.jwt.auth.principal.DefaultJWTCallerPrincipal;
import io.smallrye.jwt.auth.principal.DefaultJWTCallerPrincipalFactory;
import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;
import io.smallrye.jwt.auth.principal.JWTCallerPrincipal;
import io.smallrye.jwt.auth.principal.JWTCallerPrincipalFactory;
import io.smallrye.jwt.auth.principal.ParseException;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.jose4j.json.JsonUtil;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.lang.JoseException;

/**
 * Verifies bearer tokens from two issuers: the operators' identity provider (the standard
 * configuration, {@code mp.jwt.verify.*}) and, when configured, the platform's service-account
 * issuer ({@link ServiceTokenConfig}). A service token must name the {@code otter} audience, live at
 * most an hour, and come from a known service account in the expected namespace; it gets the roles
 * configured for that account (service-account tokens carry none). The issuer claim is read before
 * verification only to pick which issuer's keys must verify the token.
 */
@Alternative
@Priority(1)
@ApplicationScoped
public class TrustedTokens extends JWTCallerPrincipalFactory {
    private static final String SERVICE_ACCOUNT = "system:serviceaccount:";

    // One verifier per issuer: a verifier keeps the key resolver of the first configuration it saw.
    private final JWTCallerPrincipalFactory operatorTokens = new DefaultJWTCallerPrincipalFactory();
    private final JWTCallerPrincipalFactory serviceTokens = new DefaultJWTCallerPrincipalFactory();
    private final ServiceTokenConfig config;
    private final Optional<JWTAuthContextInfo> services;

    public TrustedTokens(ServiceTokenConfig config) {
        this.config = config;
        this.services = config.issuer().filter(i -> !i.isBlank()).map(issuer -> {
            JWTAuthContextInfo info = new JWTAuthContextInfo(
                    config.keys()
                            .orElseThrow(() -> new IllegalArgumentException(
                                    "otter.security.service-tokens.keys is required with an issuer")),
                    issuer);
            info.setExpectedAudience(Set.of(config.audience()));
            info.setMaxTimeToLiveSecs(config.maxLifetime().toSeconds());
            config.keysCaCertificate().ifPresent(info::setTlsCertificatePath);
            return info;
        });
    }

    @Override
    public JWTCallerPrincipal parse(String token, JWTAuthContextInfo operators) throws ParseException {
        if (services.isPresent() && services.get().getIssuedBy().equals(issuerOf(token))) {
            return serviceAccount(serviceTokens.parse(token, services.get()));
        }
        return operatorTokens.parse(token, operators);
    }

    private JWTCallerPrincipal serviceAccount(JWTCallerPrincipal verified) throws ParseException {
        String subject = verified.getSubject();
        String prefix = SERVICE_ACCOUNT + config.namespace().orElse("") + ":";
        if (subject == null || !subject.startsWith(prefix) || config.namespace().isEmpty()) {
            throw new ParseException("service token of " + subject + ": not a service account of this namespace");
        }
        List<String> roles = config.roles().get(subject.substring(prefix.length()));
        if (roles == null || roles.isEmpty()) {
            throw new ParseException("service account " + subject + " has no Otter roles");
        }
        try {
            JwtClaims claims = JwtClaims.parse(verified.getRawToken() == null ? "{}" : payload(verified.getRawToken()));
            claims.setStringListClaim("groups", roles);
            claims.setClaim("raw_token", verified.getRawToken());
            return new DefaultJWTCallerPrincipal(verified.getRawToken(), "JWT", claims);
        } catch (org.jose4j.jwt.consumer.InvalidJwtException e) {
            throw new ParseException("unreadable service token", e);
        }
    }

    private static String issuerOf(String token) {
        try {
            Object issuer = JsonUtil.parseJson(payload(token)).get("iss");
            return issuer instanceof String s ? s : "";
        } catch (JoseException | IllegalArgumentException | IndexOutOfBoundsException e) {
            return ""; // not a JWT: the standard verification refuses it with its own message
        }
    }

    private static String payload(String token) {
        String[] parts = token.split("\\.");
        return new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8);
    }
}

package org.mincard.application.security;

import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

/**
 * What Swagger UI's page policy must allow for signing in at the city's OpenID provider in JWT mode (ADR 0025):
 * fetching the provider's discovery document and token endpoint (its origin in {@code connect-src}), and running the
 * one inline script of Swagger UI's {@code oauth2-redirect.html}, allowed by its hash rather than by
 * {@code 'unsafe-inline'}. In demo mode the policy stays {@link SecurityConfig#SWAGGER_UI_CSP}.
 */
final class SwaggerUiSignIn {

    private static final String REDIRECT_PAGE = "classpath*:META-INF/resources/webjars/swagger-ui/*/oauth2-redirect.html";

    private SwaggerUiSignIn() {
    }

    static String policy(SecuritySettings settings) {
        if (settings.mode() != SecuritySettings.Mode.JWT || settings.jwt().issuerUri() == null) {
            return SecurityConfig.SWAGGER_UI_CSP;
        }
        URI issuer = URI.create(settings.jwt().issuerUri());
        String origin = issuer.getScheme() + "://" + issuer.getRawAuthority();
        String script = redirectScriptHash();
        return SecurityConfig.SWAGGER_UI_CSP
                .replace("script-src 'self'", "script-src 'self'" + (script == null ? "" : " " + script))
                .replace("connect-src 'self'", "connect-src 'self' " + origin);
    }

    /** {@code 'sha256-…'} of the inline script of the bundled redirect page, or null when the page is not there. */
    static String redirectScriptHash() {
        try {
            Resource[] pages = new PathMatchingResourcePatternResolver().getResources(REDIRECT_PAGE);
            if (pages.length == 0) {
                return null;
            }
            String page = pages[0].getContentAsString(StandardCharsets.UTF_8);
            int start = page.indexOf("<script>");
            int end = page.indexOf("</script>", start);
            if (start < 0 || end < 0) {
                return null;
            }
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest(page.substring(start + "<script>".length(), end).getBytes(StandardCharsets.UTF_8));
            return "'sha256-" + Base64.getEncoder().encodeToString(digest) + "'";
        } catch (IOException | NoSuchAlgorithmException e) {
            throw new IllegalStateException("cannot read Swagger UI's OAuth2 redirect page", e);
        }
    }
}

package dev.otter.testsupport;

import dev.otter.contract.AppKeys;
import io.restassured.filter.Filter;
import io.restassured.filter.FilterContext;
import io.restassured.response.Response;
import io.restassured.specification.FilterableRequestSpecification;
import io.restassured.specification.FilterableResponseSpecification;

/**
 * Gives every RestAssured request an admin token and the test app key unless the test set its
 * own; a header set to {@link #NONE} is removed instead, to test requests without it.
 */
public final class DefaultCredentials implements Filter {
    /** Header value meaning "send this header not at all". */
    public static final String NONE = "<none>";

    private final String authorization;
    private final String appKey;

    /** Sends {@code token} as the bearer token and {@code appKey} as the app key by default. */
    public DefaultCredentials(String token, String appKey) {
        this.authorization = TestTokens.bearer(token);
        this.appKey = appKey;
    }

    /** Installs this as RestAssured's default, replacing an earlier one. */
    public static void install(String token, String appKey) {
        java.util.List<io.restassured.filter.Filter> others = io.restassured.RestAssured.filters().stream()
                .filter(f -> !(f instanceof DefaultCredentials))
                .toList();
        io.restassured.RestAssured.replaceFiltersWith(others);
        io.restassured.RestAssured.filters(new DefaultCredentials(token, appKey));
    }

    /**
     * Installs {@code token} (and no app key) unless defaults are installed already: a second system
     * in the same test JVM must not take the first one's app key away from its tests.
     */
    public static void installIfAbsent(String token) {
        if (io.restassured.RestAssured.filters().stream().noneMatch(f -> f instanceof DefaultCredentials)) {
            install(token, null);
        }
    }

    @Override
    public Response filter(
            FilterableRequestSpecification request, FilterableResponseSpecification response, FilterContext context) {
        apply(request, "Authorization", authorization);
        apply(request, AppKeys.HEADER, appKey);
        return context.next(request, response);
    }

    private static void apply(FilterableRequestSpecification request, String header, String fallback) {
        String given = request.getHeaders().getValue(header);
        if (NONE.equals(given)) {
            request.removeHeader(header);
        } else if (given == null && fallback != null) {
            request.header(header, fallback);
        }
    }
}

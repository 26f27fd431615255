package dev.otter.support.http;

import dev.otter.support.error.ApiException;
import dev.otter.support.error.CommonError;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.MultivaluedMap;
import java.util.List;
import java.util.Map;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Refuses identifiers with control characters before any resource sees them: no Otter identifier
 * has one, and PostgreSQL cannot even store a NUL (it would surface as a 500 from the database).
 */
public class ControlCharacterFilter {

    @ServerRequestFilter(preMatching = true)
    public void refuseControlCharacters(ContainerRequestContext context) {
        if (hasControl(context.getUriInfo().getPath())) {
            throw new ApiException(CommonError.INVALID_PARAMETER, "the path contains a control character");
        }
        MultivaluedMap<String, String> query = context.getUriInfo().getQueryParameters();
        for (Map.Entry<String, List<String>> parameter : query.entrySet()) {
            if (hasControl(parameter.getKey())
                    || parameter.getValue().stream().anyMatch(ControlCharacterFilter::hasControl)) {
                throw new ApiException(CommonError.INVALID_PARAMETER, "a query parameter contains a control character");
            }
        }
    }

    static boolean hasControl(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x20 || c == 0x7f) {
                return true;
            }
        }
        return false;
    }
}

package dev.otter.support.error;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.InputCoercionException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import io.vertx.core.http.HttpServerRequest;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * The one exception mapper of a service: every failure leaves as {@code application/problem+json}
 * with a stable code. Client mistakes are 4xx with what was wrong; anything unexpected is a 500
 * whose instance id is logged with the stack trace.
 */
public class ProblemExceptionMapper {
    private static final Logger LOG = Logger.getLogger(ProblemExceptionMapper.class);
    private static final PropertyNamingStrategies.SnakeCaseStrategy SNAKE =
            new PropertyNamingStrategies.SnakeCaseStrategy();

    @ServerExceptionMapper
    public Response mapApi(ApiException e, HttpServerRequest request) {
        Response response = respond(e.code(), e.getMessage(), request, e.errors());
        if (e instanceof RetryLaterException limited) {
            response.getHeaders().putSingle("Retry-After", String.valueOf(limited.retryAfterSeconds()));
        }
        return response;
    }

    /** No token, or one that failed verification (signature, issuer, expiry). */
    @ServerExceptionMapper({
        io.quarkus.security.UnauthorizedException.class,
        io.quarkus.security.AuthenticationFailedException.class,
        io.quarkus.security.AuthenticationCompletionException.class
    })
    public Response mapUnauthenticated(RuntimeException e, HttpServerRequest request) {
        Problem problem = Problem.of(
                CommonError.AUTHENTICATION_REQUIRED,
                "this endpoint needs a valid bearer token (Authorization: Bearer <jwt>)",
                request.path(),
                List.of());
        return Response.status(401)
                .type(Problem.MEDIA_TYPE)
                .header("WWW-Authenticate", "Bearer")
                .entity(problem)
                .build();
    }

    /** A valid token whose roles do not include the one this endpoint needs. */
    @ServerExceptionMapper
    public Response mapForbidden(io.quarkus.security.ForbiddenException e, HttpServerRequest request) {
        return respond(
                CommonError.FORBIDDEN,
                "the token's roles do not allow " + request.method() + " " + request.path(),
                request,
                List.of());
    }

    @ServerExceptionMapper
    public Response mapValidation(ConstraintViolationException e, HttpServerRequest request) {
        List<Problem.FieldError> errors = e.getConstraintViolations().stream()
                .map(v -> new Problem.FieldError(fieldOf(v), v.getMessage()))
                .sorted((a, b) -> a.field().compareTo(b.field()))
                .collect(Collectors.toList());
        String detail = errors.stream().map(f -> f.field() + ": " + f.message()).collect(Collectors.joining("; "));
        return respond(CommonError.VALIDATION_FAILED, detail, request, errors);
    }

    @ServerExceptionMapper
    public Response mapJson(JsonProcessingException e, HttpServerRequest request) {
        return jsonProblem(e, request);
    }

    /** Declared on its own: Quarkus has a built-in mapper for exactly this type, which answers text. */
    @ServerExceptionMapper
    public Response mapMismatchedInput(MismatchedInputException e, HttpServerRequest request) {
        return jsonProblem(e, request);
    }

    @ServerExceptionMapper
    public Response mapWebApplication(WebApplicationException e, HttpServerRequest request) {
        if (e.getCause() instanceof JsonProcessingException json) {
            return jsonProblem(json, request);
        }
        int status = e.getResponse() == null ? 500 : e.getResponse().getStatus();
        CommonError code = CommonError.forStatus(status);
        if (status >= 500) {
            return unexpected(e, request);
        }
        return respond(code, frameworkDetail(code, e, request), request, List.of());
    }

    @ServerExceptionMapper(priority = 10_000)
    public Response mapUnexpected(Throwable e, HttpServerRequest request) {
        if (isBackendUnavailable(e)) {
            LOG.warnf("backend unavailable on %s %s: %s", request.method(), request.path(), e.toString());
            return Response.status(503)
                    .type(Problem.MEDIA_TYPE)
                    .header("Retry-After", "2")
                    .entity(Problem.of(
                            CommonError.BACKEND_UNAVAILABLE,
                            "a backend is unreachable or saturated; retry shortly",
                            request.path(),
                            List.of()))
                    .build();
        }
        return unexpected(e, request);
    }

    // Connection refused, or a client pool with no connection to give: not a bug, a 503.
    private static boolean isBackendUnavailable(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof java.net.ConnectException
                    || t instanceof io.vertx.core.http.ConnectionPoolTooBusyException
                    || t instanceof java.nio.channels.ClosedChannelException) {
                return true;
            }
        }
        return false;
    }

    private Response jsonProblem(JsonProcessingException e, HttpServerRequest request) {
        if (e instanceof JsonMappingException mapping && !isSyntax(e)) {
            String field = pathOf(mapping);
            String message = describe(mapping);
            return respond(
                    CommonError.INVALID_FIELD,
                    field.isEmpty() ? message : field + ": " + message,
                    request,
                    field.isEmpty() ? List.of() : List.of(new Problem.FieldError(field, message)));
        }
        if (e instanceof InputCoercionException) {
            return respond(CommonError.INVALID_FIELD, "a number is out of range", request, List.of());
        }
        return respond(
                CommonError.MALFORMED_JSON,
                "request body is not valid JSON: " + e.getOriginalMessage(),
                request,
                List.of());
    }

    /** A short reason without Jackson's configuration hints. */
    private static String describe(JsonMappingException e) {
        if (e instanceof com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException) {
            return "unknown field";
        }
        if (e instanceof InvalidFormatException invalid && invalid.getTargetType() == String.class) {
            return invalid.getOriginalMessage(); // our own string checks say what is wrong
        }
        if (e instanceof InvalidFormatException invalid) {
            return "cannot read " + invalid.getValue() + " as " + typeName(invalid.getTargetType());
        }
        if (e instanceof MismatchedInputException mismatched && mismatched.getTargetType() != null) {
            return "expected " + typeName(mismatched.getTargetType());
        }
        if (e.getCause() instanceof InputCoercionException) {
            return "number out of range";
        }
        return "invalid value";
    }

    private static String typeName(Class<?> type) {
        if (type == String.class || type.isEnum()) {
            return "text";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        if (Number.class.isAssignableFrom(type) || type.isPrimitive()) {
            return type == Double.class || type == double.class || type == Float.class || type == float.class
                    ? "a number"
                    : "an integer";
        }
        if (java.util.Collection.class.isAssignableFrom(type) || type.isArray()) {
            return "an array";
        }
        return "an object";
    }

    private static String frameworkDetail(CommonError code, WebApplicationException e, HttpServerRequest request) {
        return switch (code) {
            case NOT_FOUND -> "no resource at " + request.path();
            case METHOD_NOT_ALLOWED -> request.method() + " is not allowed on " + request.path();
            case UNSUPPORTED_MEDIA_TYPE ->
                "content type " + request.getHeader("Content-Type") + " is not accepted here";
            default -> e.getMessage() == null || e.getMessage().isBlank() ? code.title() : e.getMessage();
        };
    }

    // Broken syntax, or a document past a size limit (depth, string or number length): both are
    // about the body as a whole, not one field's value.
    private static boolean isSyntax(JsonProcessingException e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof com.fasterxml.jackson.core.JsonParseException
                    || t instanceof com.fasterxml.jackson.core.exc.StreamConstraintsException) {
                return true;
            }
        }
        return false;
    }

    private Response unexpected(Throwable e, HttpServerRequest request) {
        String id = UUID.randomUUID().toString();
        LOG.errorf(e, "Unexpected failure %s on %s %s", id, request.method(), request.path());
        Problem problem = Problem.of(
                CommonError.INTERNAL_ERROR, "unexpected failure, logged as " + id, "urn:uuid:" + id, List.of());
        return Response.status(500).type(Problem.MEDIA_TYPE).entity(problem).build();
    }

    private static Response respond(
            ErrorCode code, String detail, HttpServerRequest request, List<Problem.FieldError> errors) {
        Problem problem = Problem.of(code, detail, request.path(), errors);
        Response.ResponseBuilder response =
                Response.status(code.status()).type(Problem.MEDIA_TYPE).entity(problem);
        if (code == CommonError.APP_KEY_REJECTED) {
            response.header("WWW-Authenticate", "Otter-App-Key");
        }
        return response.build();
    }

    /**
     * The offending field as clients name it: "create.request.sizeBytes" (method, parameter,
     * field) becomes "size_bytes", "addArtifact.request.urls[0].<list element>" becomes "urls[0]";
     * a violation on the body itself is "body".
     */
    static String fieldOf(ConstraintViolation<?> violation) {
        String[] parts = violation.getPropertyPath().toString().split("\\.");
        StringBuilder field = new StringBuilder();
        for (int i = 2; i < parts.length; i++) { // 0: method, 1: parameter
            if (parts[i].startsWith("<")) {
                continue; // "<list element>" and the like
            }
            int index = parts[i].indexOf('[');
            String name = index < 0 ? parts[i] : parts[i].substring(0, index);
            field.append(field.length() == 0 ? "" : ".")
                    .append(SNAKE.translate(name))
                    .append(index < 0 ? "" : parts[i].substring(index));
        }
        return field.length() == 0 ? "body" : field.toString();
    }

    private static String pathOf(JsonMappingException e) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference ref : e.getPath()) {
            if (ref.getFieldName() != null) {
                if (path.length() > 0) {
                    path.append('.');
                }
                path.append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                path.append('[').append(ref.getIndex()).append(']');
            }
        }
        return path.toString();
    }
}

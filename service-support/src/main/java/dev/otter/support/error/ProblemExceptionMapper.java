package dev.otter.support.error;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
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

    @ServerExceptionMapper
    public Response mapApi(ApiException e, HttpServerRequest request) {
        return respond(e.code(), e.getMessage(), request, e.errors());
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
        return unexpected(e, request);
    }

    private Response jsonProblem(JsonProcessingException e, HttpServerRequest request) {
        if (e instanceof MismatchedInputException || (e instanceof JsonMappingException && !isSyntax(e))) {
            String field = pathOf((JsonMappingException) e);
            String message = e.getOriginalMessage();
            return respond(
                    CommonError.INVALID_FIELD,
                    field.isEmpty() ? message : field + ": " + message,
                    request,
                    field.isEmpty() ? List.of() : List.of(new Problem.FieldError(field, message)));
        }
        return respond(
                CommonError.MALFORMED_JSON,
                "request body is not valid JSON: " + e.getOriginalMessage(),
                request,
                List.of());
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

    private static boolean isSyntax(JsonProcessingException e) {
        return e instanceof com.fasterxml.jackson.core.JsonParseException
                || e.getCause() instanceof com.fasterxml.jackson.core.JsonParseException;
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
        return Response.status(code.status())
                .type(Problem.MEDIA_TYPE)
                .entity(problem)
                .build();
    }

    /** "create.request.sizeBytes" (method, parameter, field) becomes "sizeBytes". */
    private static String fieldOf(ConstraintViolation<?> violation) {
        String path = violation.getPropertyPath().toString();
        String[] parts = path.split("\\.");
        return parts.length > 2 ? String.join(".", java.util.Arrays.copyOfRange(parts, 2, parts.length)) : path;
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

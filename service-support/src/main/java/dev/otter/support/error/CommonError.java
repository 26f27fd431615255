package dev.otter.support.error;

/** Error codes every service can answer with, independent of its domain. */
public enum CommonError implements ErrorCode {
    /** The body is not well-formed JSON. */
    MALFORMED_JSON(400, "Malformed JSON"),
    /** The body is JSON but a field has the wrong type or an unknown name. */
    INVALID_FIELD(400, "Invalid field"),
    /** One or more fields broke a constraint; {@code errors} lists each. */
    VALIDATION_FAILED(400, "Validation failed"),
    /** A query or path parameter is invalid. */
    INVALID_PARAMETER(400, "Invalid parameter"),
    /** An operator endpoint was called without a valid bearer token (missing, expired, bad signature). */
    AUTHENTICATION_REQUIRED(401, "Authentication required"),
    /** The token is valid but its roles do not allow this action. */
    FORBIDDEN(403, "Forbidden"),
    /** A device endpoint was called without a known, unrevoked app key in {@code Otter-App-Key}. */
    APP_KEY_REJECTED(401, "App key rejected"),
    /** Too many requests from this install id or client address; retry after {@code Retry-After}. */
    RATE_LIMITED(429, "Too many requests"),
    /** No resource at this path. */
    NOT_FOUND(404, "Not found"),
    /** The path exists but not with this HTTP method. */
    METHOD_NOT_ALLOWED(405, "Method not allowed"),
    /** The requested media type cannot be produced. */
    NOT_ACCEPTABLE(406, "Not acceptable"),
    /** The body is larger than the endpoint accepts. */
    PAYLOAD_TOO_LARGE(413, "Payload too large"),
    /** The body's media type is not accepted by this endpoint. */
    UNSUPPORTED_MEDIA_TYPE(415, "Unsupported media type"),
    /** Any other client error reported by the HTTP layer. */
    BAD_REQUEST(400, "Bad request"),
    /** A backend this request needs is unreachable; retry later. */
    BACKEND_UNAVAILABLE(503, "Backend unavailable"),
    /** A bug: logged on the server with the problem's instance id. */
    INTERNAL_ERROR(500, "Internal error");

    private final int status;
    private final String title;

    CommonError(int status, String title) {
        this.status = status;
        this.title = title;
    }

    @Override
    public int status() {
        return status;
    }

    @Override
    public String title() {
        return title;
    }

    /** The common code for an HTTP status raised by the framework itself. */
    public static CommonError forStatus(int status) {
        return switch (status) {
            case 404 -> NOT_FOUND;
            case 405 -> METHOD_NOT_ALLOWED;
            case 406 -> NOT_ACCEPTABLE;
            case 401 -> AUTHENTICATION_REQUIRED;
            case 403 -> FORBIDDEN;
            case 413 -> PAYLOAD_TOO_LARGE;
            case 429 -> RATE_LIMITED;
            case 415 -> UNSUPPORTED_MEDIA_TYPE;
            case 503 -> BACKEND_UNAVAILABLE;
            default -> status >= 500 ? INTERNAL_ERROR : BAD_REQUEST;
        };
    }
}

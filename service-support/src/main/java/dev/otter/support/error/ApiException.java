package dev.otter.support.error;

import java.util.List;

/** A failure the client caused or must know about, answered as problem+json with its code. */
public class ApiException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final transient ErrorCode code;
    private final transient List<Problem.FieldError> errors;

    public ApiException(ErrorCode code, String detail) {
        this(code, detail, List.of());
    }

    public ApiException(ErrorCode code, String detail, List<Problem.FieldError> errors) {
        super(detail);
        this.code = code;
        this.errors = List.copyOf(errors);
    }

    /** The stable error code. */
    public ErrorCode code() {
        return code;
    }

    /** Per-field errors, empty when the problem is not about particular fields. */
    public List<Problem.FieldError> errors() {
        return errors;
    }
}

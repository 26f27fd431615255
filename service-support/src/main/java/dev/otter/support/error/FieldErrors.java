package dev.otter.support.error;

import java.util.ArrayList;
import java.util.List;

/** Collects every problem of a request, then fails once with all of them (400 VALIDATION_FAILED). */
public final class FieldErrors {
    private final List<Problem.FieldError> list = new ArrayList<>();

    /** Records that {@code field} (its JSON path, e.g. {@code models[0].family}) is wrong. */
    public void add(String field, String message) {
        list.add(new Problem.FieldError(field, message));
    }

    public boolean isEmpty() {
        return list.isEmpty();
    }

    /** Throws the collected problems, if any. */
    public void throwIfAny() {
        if (!list.isEmpty()) {
            String detail = String.join(
                    "; ", list.stream().map(e -> e.field() + ": " + e.message()).toList());
            throw new ApiException(CommonError.VALIDATION_FAILED, detail, list);
        }
    }
}

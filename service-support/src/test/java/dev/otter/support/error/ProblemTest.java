package dev.otter.support.error;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class ProblemTest {

    @Test
    void aProblemCarriesItsStableCodeAndATypeDerivedFromIt() {
        Problem p = Problem.of(
                CommonError.VALIDATION_FAILED,
                "size: too small",
                "/api/v1/x",
                List.of(new Problem.FieldError("size", "too small")));
        assertThat(p.code()).isEqualTo("VALIDATION_FAILED");
        assertThat(p.type()).isEqualTo("https://otter.dev/problems/validation-failed");
        assertThat(p.status()).isEqualTo(400);
        assertThat(p.errors()).extracting(Problem.FieldError::field).containsExactly("size");
    }

    @Test
    void fieldErrorsCollectEveryOffenceAndThrowThemAtOnce() {
        FieldErrors errors = new FieldErrors();
        assertThat(errors.isEmpty()).isTrue();
        errors.throwIfAny(); // nothing to throw
        errors.add("a", "missing");
        errors.add("b", "too long");
        assertThatThrownBy(errors::throwIfAny).isInstanceOfSatisfying(ApiException.class, e -> {
            assertThat(e.code()).isEqualTo(CommonError.VALIDATION_FAILED);
            assertThat(e.errors()).extracting(Problem.FieldError::field).containsExactly("a", "b");
        });
    }
}

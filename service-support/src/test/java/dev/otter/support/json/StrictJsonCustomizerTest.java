package dev.otter.support.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import org.junit.jupiter.api.Test;

class StrictJsonCustomizerTest {
    private final ObjectMapper json = strict();

    /** A device-style record: outside any ".api" package, so unknown fields are tolerated. */
    record Device(String name, int count) {}

    private static ObjectMapper strict() {
        // As Quarkus builds it: unknown properties tolerated unless the customizer says otherwise.
        ObjectMapper mapper = new ObjectMapper().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
        new StrictJsonCustomizer().customize(mapper);
        return mapper;
    }

    @Test
    void wellTypedInputIsRead() throws JsonProcessingException {
        assertThat(json.readValue("{\"name\":\"a\",\"count\":2}", Device.class)).isEqualTo(new Device("a", 2));
    }

    @Test
    void noSilentCoercion() {
        assertThatThrownBy(() -> json.readValue("{\"name\":5,\"count\":2}", Device.class))
                .isInstanceOf(MismatchedInputException.class);
        assertThatThrownBy(() -> json.readValue("{\"name\":\"a\",\"count\":\"2\"}", Device.class))
                .isInstanceOf(MismatchedInputException.class);
        assertThatThrownBy(() -> json.readValue("{\"name\":\"a\",\"count\":2.5}", Device.class))
                .isInstanceOf(MismatchedInputException.class);
    }

    @Test
    void nulInTextIsRefusedBeforeItReachesTheDatabase() {
        assertThatThrownBy(() -> json.readValue("{\"name\":\"a\\u0000b\",\"count\":1}", Device.class))
                .isInstanceOf(InvalidFormatException.class)
                .hasMessageContaining("NUL");
    }

    @Test
    void deepNestingIsRefusedWhileParsing() {
        String deep = "[".repeat(StrictJsonCustomizer.MAX_DEPTH + 1) + "]".repeat(StrictJsonCustomizer.MAX_DEPTH + 1);
        assertThatThrownBy(() -> json.readTree(deep)).hasMessageContaining("depth");
    }

    @Test
    void unknownFieldsAreIgnoredOutsideTheOperatorApi() throws JsonProcessingException {
        assertThat(json.readValue("{\"name\":\"a\",\"count\":1,\"extra\":true}", Device.class)
                        .name())
                .isEqualTo("a");
    }

    @Test
    void unknownFieldsAreRefusedInOperatorApiRecords() {
        assertThatThrownBy(() ->
                        json.readValue("{\"percentge\":5}", dev.otter.support.json.fixture.api.PercentageRequest.class))
                .isInstanceOf(UnrecognizedPropertyException.class)
                .hasMessageContaining("percentge");
    }
}

package dev.otter.support.http;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ControlCharacterFilterTest {

    @Test
    void controlCharactersAndDeleteAreFoundPrintableTextIsNot() {
        assertThat(ControlCharacterFilter.hasControl("assistant")).isFalse();
        assertThat(ControlCharacterFilter.hasControl("naïve model ✓")).isFalse();
        assertThat(ControlCharacterFilter.hasControl("a\u0000b")).isTrue();
        assertThat(ControlCharacterFilter.hasControl("line\nbreak")).isTrue();
        assertThat(ControlCharacterFilter.hasControl("del\u007f")).isTrue();
    }
}

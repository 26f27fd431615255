package dev.otter.manifest.artifact;

import static org.assertj.core.api.Assertions.assertThat;

import dev.otter.manifest.artifact.service.ByteRange;
import org.junit.jupiter.api.Test;

class ByteRangeTest {
    private static ByteRange.Parsed parse(String header) {
        return ByteRange.parse(header, 1000);
    }

    private static ByteRange.Parsed partial(long first, long last) {
        return new ByteRange.Partial(new ByteRange(first, last, 1000));
    }

    @Test
    void rangesInsideTheFile() {
        assertThat(parse("bytes=0-99")).isEqualTo(partial(0, 99));
        assertThat(parse("bytes=990-")).isEqualTo(partial(990, 999));
        assertThat(parse("bytes=900-5000")).as("clipped to the end").isEqualTo(partial(900, 999));
        assertThat(parse("bytes=-10")).as("suffix").isEqualTo(partial(990, 999));
        assertThat(parse("bytes=-5000")).as("suffix longer than the file").isEqualTo(partial(0, 999));
        assertThat(parse("bytes=999-999")).isEqualTo(partial(999, 999));
        assertThat(((ByteRange.Partial) parse("bytes=10-19")).range().contentRange())
                .isEqualTo("bytes 10-19/1000");
    }

    @Test
    void beyondTheEndIsUnsatisfiable() {
        assertThat(parse("bytes=1000-")).isInstanceOf(ByteRange.Unsatisfiable.class);
        assertThat(parse("bytes=1000-1200")).isInstanceOf(ByteRange.Unsatisfiable.class);
        assertThat(ByteRange.parse("bytes=-1", 0)).isInstanceOf(ByteRange.Unsatisfiable.class);
    }

    @Test
    void anythingElseIsTheWholeFile() {
        for (String header : new String[] {
            null, "", "items=0-1", "bytes=5-1", "bytes=a-b", "bytes=0-1,5-6", "bytes=-0", "bytes=--1", "bytes=10"
        }) {
            assertThat(parse(header)).as(String.valueOf(header)).isInstanceOf(ByteRange.Whole.class);
        }
    }
}

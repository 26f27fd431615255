package dev.otter.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ChannelTest {

    @Test
    void lessConservativeChannelsSeeMoreConservativeReleases() {
        assertThat(Channel.INTERNAL.sees(Channel.BETA)).isTrue();
        assertThat(Channel.INTERNAL.sees(Channel.STABLE)).isTrue();
        assertThat(Channel.BETA.sees(Channel.STABLE)).isTrue();
        assertThat(Channel.BETA.sees(Channel.INTERNAL)).isFalse();
        assertThat(Channel.STABLE.sees(Channel.BETA)).isFalse();
        assertThat(Channel.STABLE.sees(Channel.STABLE)).isTrue();
    }

    @Test
    void wireFormIsLowerCaseAndParsingIsStrict() {
        assertThat(Channel.parse(" Beta ")).isEqualTo(Channel.BETA);
        assertThat(Channel.INTERNAL.wireName()).isEqualTo("internal");
        assertThatThrownBy(() -> Channel.parse("nightly")).hasMessageContaining("must be stable, beta or internal");
        assertThatThrownBy(() -> Channel.parse(null)).isInstanceOf(IllegalArgumentException.class);
    }
}

package dev.otter.telemetry.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.otter.telemetry.ingest.service.PersonalData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PersonalDataTest {

    @ParameterizedTest
    @ValueSource(
            strings = {
                "crash for jane.doe@example.com",
                "call +49 170 1234567",
                "from 192.168.1.20",
                "peer fe80::1ff:fe23:4567:890a",
                "wifi 00:1A:2B:3C:4D:5E",
                "imei 356938035643809",
                "card 4111111111111111"
            })
    void findsPersonalData(String text) {
        assertThat(PersonalData.findIn(text)).isPresent();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "out of memory at layer 12",
                "model 2.10.0 failed to load tensor blk.3.attn_q",
                "KV cache 4096 tokens exceeded",
                "E_OOM",
                "chat",
                "took 1234 ms"
            })
    void leavesOrdinaryDiagnosticsAlone(String text) {
        assertThat(PersonalData.findIn(text)).isEmpty();
    }

    @Test
    void personalFieldNames() {
        assertThat(PersonalData.isPersonalField("email")).isTrue();
        assertThat(PersonalData.isPersonalField("Device-ID")).isTrue();
        assertThat(PersonalData.isPersonalField("android_id")).isTrue();
        assertThat(PersonalData.isPersonalField("region")).isFalse();
    }
}

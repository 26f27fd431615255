package dev.otter.manifest.update.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.otter.contract.Channel;
import dev.otter.manifest.update.api.UpdateCheckRequest;
import dev.otter.manifest.update.api.UpdateCheckRequest.ModelQuery;
import dev.otter.support.error.ApiException;
import dev.otter.support.error.Problem;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

class UpdateCheckValidatorTest {
    private final UpdateCheckValidator validator = new UpdateCheckValidator(4);

    private static UpdateCheckRequest valid() {
        return new UpdateCheckRequest(
                "0b5e8c1e-6a47-4d1b-9d8c-1f2e3d4c5b6a",
                "3.2",
                "1.4.0",
                "Android",
                "14",
                "Pixel 8",
                8192,
                20_000,
                null,
                "de",
                "Beta",
                List.of(new ModelQuery("assistant", "2.0.0", "a".repeat(64), "3b-q4")));
    }

    private List<String> fieldsRejected(UpdateCheckRequest r) {
        ApiException e = catchThrowableOfType(ApiException.class, () -> validator.validate(r));
        assertThat(e).as("expected a validation failure").isNotNull();
        assertThat(e.code().name()).isEqualTo("VALIDATION_FAILED");
        return e.errors().stream().map(Problem.FieldError::field).toList();
    }

    @Test
    void validRequestIsNormalised() {
        UpdateCheckValidator.ValidCheck c = validator.validate(valid());
        assertThat(c.device().platform()).isEqualTo("android");
        assertThat(c.device().region()).isEqualTo("DE");
        assertThat(c.device().channel()).isEqualTo(Channel.BETA);
        assertThat(c.device().appVersion().toString()).isEqualTo("3.2.0");
        assertThat(c.device().accelerator()).isEqualTo(DeviceProfile.NO_ACCELERATOR);
        assertThat(c.queries()).singleElement().satisfies(q -> {
            assertThat(q.installedVersion().toString()).isEqualTo("2.0.0");
            assertThat(q.preferredTier()).isEqualTo("3b-q4");
        });
    }

    @Test
    void everyMissingRequiredFieldIsReportedAtOnce() {
        UpdateCheckRequest empty =
                new UpdateCheckRequest(null, null, null, null, null, null, null, null, null, null, null, null);
        assertThat(fieldsRejected(empty))
                .containsExactlyInAnyOrder(
                        "install_id",
                        "app_version",
                        "runtime_version",
                        "platform",
                        "os_version",
                        "ram_mb",
                        "free_storage_mb",
                        "region",
                        "channel",
                        "models");
    }

    @Test
    void hardwareIdentifiersAreRefusedAsInstallIds() {
        for (String hardware : List.of("356938035643809", "a1b2c3d4e5f6", "9774d56d682e549c")) {
            UpdateCheckRequest r = withInstallId(hardware);
            ApiException e = catchThrowableOfType(ApiException.class, () -> validator.validate(r));
            assertThat(e.getMessage()).as(hardware).contains("hardware identifier");
        }
        assertThat(fieldsRejected(withInstallId("short"))).containsExactly("install_id");
        assertThat(fieldsRejected(withInstallId("has spaces in it"))).containsExactly("install_id");
    }

    @Test
    void badValuesAreNamedByField() {
        UpdateCheckRequest r = new UpdateCheckRequest(
                "install-0001",
                "three",
                "1.x",
                "Android OS",
                "14",
                " ",
                -1,
                -5,
                "NPU!",
                "XX",
                "nightly",
                List.of(
                        new ModelQuery("Assistant", "2.0", "nothex", "3b q4"),
                        new ModelQuery("vision", null, "a".repeat(64), null)));
        assertThat(fieldsRejected(r))
                .containsExactlyInAnyOrder(
                        "app_version",
                        "runtime_version",
                        "platform",
                        "device_model",
                        "ram_mb",
                        "free_storage_mb",
                        "accelerator",
                        "region",
                        "channel",
                        "models[0].family",
                        "models[0].installed_version",
                        "models[0].installed_sha256",
                        "models[0].preferred_tier",
                        "models[1].installed_sha256");
    }

    @Test
    void familiesAreBoundedAndUnique() {
        ModelQuery q = new ModelQuery("assistant", null, null, null);
        assertThat(fieldsRejected(withModels(List.of(q, q)))).containsExactly("models[1].family");
        assertThat(fieldsRejected(withModels(Collections.nCopies(5, q)))).containsExactly("models");
        assertThat(fieldsRejected(withModels(Collections.singletonList(null)))).containsExactly("models[0]");
    }

    @Test
    void theDeviceClassIsOptionalNormalisedAndChecked() {
        assertThat(validator.validate(valid()).device().deviceClass()).isNull();
        assertThat(validator.validate(withDeviceClass("Wearable")).device().deviceClass())
                .isEqualTo("wearable");
        assertThat(fieldsRejected(withDeviceClass("car head unit"))).containsExactly("device_class");
    }

    private static UpdateCheckRequest withDeviceClass(String deviceClass) {
        UpdateCheckRequest v = valid();
        return new UpdateCheckRequest(
                v.installId(),
                v.appVersion(),
                v.runtimeVersion(),
                v.platform(),
                v.osVersion(),
                v.deviceModel(),
                v.ramMb(),
                v.freeStorageMb(),
                v.accelerator(),
                v.region(),
                v.channel(),
                v.models(),
                deviceClass);
    }

    @Test
    void missingBodyIsAValidationFailure() {
        ApiException e = catchThrowableOfType(ApiException.class, () -> validator.validate(null));
        assertThat(e.code().status()).isEqualTo(400);
    }

    private static UpdateCheckRequest withInstallId(String id) {
        UpdateCheckRequest v = valid();
        return new UpdateCheckRequest(
                id,
                v.appVersion(),
                v.runtimeVersion(),
                v.platform(),
                v.osVersion(),
                v.deviceModel(),
                v.ramMb(),
                v.freeStorageMb(),
                v.accelerator(),
                v.region(),
                v.channel(),
                v.models());
    }

    private static UpdateCheckRequest withModels(List<ModelQuery> models) {
        UpdateCheckRequest v = valid();
        return new UpdateCheckRequest(
                v.installId(),
                v.appVersion(),
                v.runtimeVersion(),
                v.platform(),
                v.osVersion(),
                v.deviceModel(),
                v.ramMb(),
                v.freeStorageMb(),
                v.accelerator(),
                v.region(),
                v.channel(),
                models);
    }
}

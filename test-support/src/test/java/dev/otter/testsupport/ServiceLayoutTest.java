package dev.otter.testsupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import org.junit.jupiter.api.Test;

class ServiceLayoutTest {

    @Test
    void packagesStartWithADomainAndEndWithARole() {
        assertThat(ServiceLayout.violation("dev.otter.x", "dev.otter.x.catalog"))
                .isNull();
        assertThat(ServiceLayout.violation("dev.otter.x", "dev.otter.x.catalog.rest"))
                .isNull();
        assertThat(ServiceLayout.violation("dev.otter.x", "dev.otter.x.catalog.patch.service"))
                .isNull();
        assertThat(ServiceLayout.violation("dev.otter.x", "dev.otter.x.config")).isNull();
        assertThat(ServiceLayout.violation("dev.otter.x", "dev.otter.x")).contains("domain");
        assertThat(ServiceLayout.violation("dev.otter.x", "dev.otter.x.service"))
                .contains("is a role");
        assertThat(ServiceLayout.violation("dev.otter.x", "dev.otter.x.catalog.rest.dto"))
                .contains("nests under");
        assertThat(ServiceLayout.violation("dev.otter.x", "dev.otter.x.config.more"))
                .contains("config");
    }

    @Test
    void aCycleBetweenDomainsFailsTheCheck() {
        JavaClasses fixture = new ClassFileImporter().importPackages("dev.otter.fixture");
        assertThat(fixture).isNotEmpty();
        assertThatThrownBy(() -> ServiceLayout.rules("dev.otter.fixture").get(0).check(fixture))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("Cycle detected");
    }
}

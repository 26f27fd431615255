package dev.otter.console;

import dev.otter.testsupport.ServiceLayout;
import org.junit.jupiter.api.Test;

/** The console keeps the services' layout and has no package cycle (see {@link ServiceLayout}). */
class LayoutTest {

    @Test
    void packagesByDomainThenRoleWithoutCycles() {
        ServiceLayout.check("dev.otter.console");
    }
}

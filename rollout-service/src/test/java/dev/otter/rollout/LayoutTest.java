package dev.otter.rollout;

import dev.otter.testsupport.ServiceLayout;
import org.junit.jupiter.api.Test;

/** The service keeps the one layout and has no package cycle (see {@link ServiceLayout}). */
class LayoutTest {

    @Test
    void packagesByDomainThenRoleWithoutCycles() {
        ServiceLayout.check("dev.otter.rollout");
    }
}

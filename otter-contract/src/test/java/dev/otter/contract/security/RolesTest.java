package dev.otter.contract.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class RolesTest {

    @Test
    void adminImpliesEveryRoleAndTheOthersImplyViewer() {
        assertThat(Roles.allows(List.of(Roles.ADMIN), Roles.PUBLISHER)).isTrue();
        assertThat(Roles.allows(List.of(Roles.ADMIN), Roles.OPERATOR)).isTrue();
        assertThat(Roles.allows(List.of(Roles.PUBLISHER), Roles.VIEWER)).isTrue();
        assertThat(Roles.allows(List.of(Roles.OPERATOR), Roles.VIEWER)).isTrue();
    }

    @Test
    void noRoleImpliesASibling() {
        assertThat(Roles.allows(List.of(Roles.PUBLISHER), Roles.OPERATOR)).isFalse();
        assertThat(Roles.allows(List.of(Roles.VIEWER), Roles.PUBLISHER)).isFalse();
        assertThat(Roles.allows(List.of(), Roles.VIEWER)).isFalse();
    }
}

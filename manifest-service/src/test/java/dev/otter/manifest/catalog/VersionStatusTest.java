package dev.otter.manifest.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class VersionStatusTest {

    @Test
    void transitionTableIsExactlyTheDocumentedOne() {
        assertThat(VersionStatus.DRAFT.next()).containsExactly(VersionStatus.PUBLISHED);
        assertThat(VersionStatus.PUBLISHED.next())
                .containsExactlyInAnyOrder(VersionStatus.DEPRECATED, VersionStatus.RETIRED);
        assertThat(VersionStatus.DEPRECATED.next()).containsExactly(VersionStatus.RETIRED);
        assertThat(VersionStatus.RETIRED.next()).isEmpty();
    }

    @Test
    void everyOtherPairIsIllegal() {
        int legal = 0;
        for (VersionStatus from : VersionStatus.values()) {
            Set<VersionStatus> allowed = from.next();
            for (VersionStatus to : EnumSet.allOf(VersionStatus.class)) {
                assertThat(from.canMoveTo(to)).as(from + " -> " + to).isEqualTo(allowed.contains(to));
                legal += from.canMoveTo(to) ? 1 : 0;
            }
        }
        assertThat(legal).isEqualTo(4);
    }

    @Test
    void onlyDraftsAreEditable() {
        assertThat(EnumSet.allOf(VersionStatus.class).stream().filter(VersionStatus::isEditable))
                .containsExactly(VersionStatus.DRAFT);
    }
}

package dev.otter.manifest.testing;

import dev.otter.testsupport.OperatorAuthResource;
import io.quarkus.test.common.QuarkusTestResource;

/** Applies {@link OperatorAuthResource} to every test of this module (tokens and the test app key). */
@QuarkusTestResource(value = OperatorAuthResource.class, restrictToAnnotatedClass = false)
public final class OperatorAuth {
    private OperatorAuth() {}
}

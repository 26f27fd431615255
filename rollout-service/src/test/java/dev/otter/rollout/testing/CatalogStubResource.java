package dev.otter.rollout.testing;

import dev.otter.rollout.rollout.client.CatalogFamily;
import dev.otter.rollout.rollout.client.CatalogVersion;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Test-only stand-in for manifest-service's publisher API, served over real HTTP by the test app:
 * the catalog check talks to it through its REST client. (End-to-end tests use the real service.)
 */
@Path("/api/v1/families")
@PermitAll
public class CatalogStubResource {
    /**
     * Families listed by {@code GET /api/v1/families}, each with its versions (version →
     * "STATUS/channel"); empty unless a test adds one (the newest-published follower reads them).
     */
    public static final Map<String, Map<String, String>> LISTED = new ConcurrentHashMap<>();

    /**
     * version → "STATUS/channel", the same for every family (tests use a family of their own so
     * that their rollouts never collide); the family {@code missing} has no versions at all.
     */
    public static final Map<String, String> VERSIONS = Map.of(
            "1.0.0", "RETIRED/stable",
            "2.0.0", "PUBLISHED/stable",
            "2.1.0", "PUBLISHED/stable",
            "2.2.0", "PUBLISHED/stable",
            "2.3.0-beta.1", "PUBLISHED/beta",
            "3.0.0", "DRAFT/stable");

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public List<CatalogFamily> families() {
        return LISTED.keySet().stream().sorted().map(CatalogFamily::new).toList();
    }

    @GET
    @Path("/{family}/versions")
    @Produces(MediaType.APPLICATION_JSON)
    public List<CatalogVersion> versions(@PathParam("family") String family) {
        return LISTED.getOrDefault(family, Map.of()).entrySet().stream()
                .map(e -> new CatalogVersion(
                        family,
                        e.getKey(),
                        e.getValue().split("/")[0],
                        e.getValue().split("/")[1]))
                .toList();
    }

    @GET
    @Path("/{family}/versions/{version}")
    @Produces(MediaType.APPLICATION_JSON)
    public CatalogVersion version(@PathParam("family") String family, @PathParam("version") String version) {
        String entry = family.equals("missing") ? null : VERSIONS.get(version);
        if (entry == null) {
            throw new NotFoundException();
        }
        String[] parts = entry.split("/");
        return new CatalogVersion(family, version, parts[0], parts[1]);
    }
}

package dev.otter.manifest.catalog.snapshot;

/**
 * CDI event: a newer catalog snapshot is in use (what devices are offered may have changed);
 * {@code before} is the one it replaced ({@link CatalogSnapshot#EMPTY} at the first load).
 */
public record CatalogInstalled(CatalogSnapshot before, CatalogSnapshot after) {}

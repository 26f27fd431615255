package dev.otter.manifest.app.api;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** Registers an application: a stable id (used in keys and logs) and a display name. */
public record CreateAppRequest(
        @NotNull
                @Pattern(
                        regexp = "^[a-z][a-z0-9-]{1,63}$",
                        message = "must be 2-64 lower-case letters, digits or dashes, starting with a letter")
                String id,
        @NotNull @Size(min = 1, max = 200) String name) {}

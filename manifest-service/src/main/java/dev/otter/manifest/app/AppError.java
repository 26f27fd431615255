package dev.otter.manifest.app;

import dev.otter.support.error.ErrorCode;

/** Stable error codes of the application and app key API. */
public enum AppError implements ErrorCode {
    /** No application with this id. */
    APP_NOT_FOUND(404, "Application not found"),
    /** An application with this id exists already. */
    APP_EXISTS(409, "Application exists"),
    /** The application has no key with this id. */
    APP_KEY_NOT_FOUND(404, "App key not found");

    private final int status;
    private final String title;

    AppError(int status, String title) {
        this.status = status;
        this.title = title;
    }

    @Override
    public int status() {
        return status;
    }

    @Override
    public String title() {
        return title;
    }
}

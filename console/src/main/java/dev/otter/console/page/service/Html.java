package dev.otter.console.page.service;

import io.quarkus.qute.TemplateInstance;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriBuilder;
import java.net.URI;

/** How pages answer: rendered HTML that no cache keeps, or a redirect that carries a message. */
public final class Html {
    private static final MediaType HTML = MediaType.TEXT_HTML_TYPE.withCharset("UTF-8");

    private Html() {}

    /** The rendered page, status 200. */
    public static Response page(TemplateInstance page) {
        return page(200, page);
    }

    /** The rendered page with a status (403 for a refused action, 404 for an unknown rollout). */
    public static Response page(int status, TemplateInstance page) {
        return Response.status(status)
                .entity(page.render())
                .type(HTML)
                .header("Cache-Control", "no-store")
                .build();
    }

    /** After a successful change: back to {@code path} with a confirmation (Post/Redirect/Get). */
    public static Response done(String path, String message) {
        return redirect(path, "done", message);
    }

    /** After a refused change: back to {@code path} with the service's reason. */
    public static Response refused(String path, String message) {
        return redirect(path, "error", message);
    }

    private static Response redirect(String path, String kind, String message) {
        URI target = UriBuilder.fromPath(path).queryParam(kind, message).build();
        return Response.seeOther(target).build();
    }
}

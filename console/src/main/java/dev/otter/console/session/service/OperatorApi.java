package dev.otter.console.session.service;

import dev.otter.console.backend.client.OtterApi;
import dev.otter.console.backend.client.Service;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.RequestScoped;
import java.util.List;
import java.util.Map;

/** The operator APIs as the operator of this request calls them: their token on every call. */
@RequestScoped
public class OperatorApi {
    private final OtterApi api;
    private final Sessions sessions;
    private final SecurityIdentity identity;

    public OperatorApi(OtterApi api, Sessions sessions, SecurityIdentity identity) {
        this.api = api;
        this.sessions = sessions;
        this.identity = identity;
    }

    /** The signed-in operator. */
    public Operator me() {
        return sessions.operator(identity);
    }

    /** GET, answering a JSON object. */
    public Map<String, Object> object(Service service, String path) {
        return api.object(service, path, me().token());
    }

    /** GET, answering a JSON array. */
    public List<Map<String, Object>> list(Service service, String path) {
        return api.list(service, path, me().token());
    }

    /** POST with a JSON body (or none). */
    public Object post(Service service, String path, Object body) {
        return api.post(service, path, body, me().token());
    }

    /** PUT with a JSON body. */
    public Object put(Service service, String path, Object body) {
        return api.put(service, path, body, me().token());
    }
}

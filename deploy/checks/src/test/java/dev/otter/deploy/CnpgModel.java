package dev.otter.deploy;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Map;

/**
 * The CloudNativePG fields Otter uses, as records read strictly (there is no published Java model):
 * a field missing here is either misspelt or new, and must be added deliberately, from the CRD's
 * documentation (postgresql.cnpg.io/v1 Cluster and Database).
 */
final class CnpgModel {
    static final ObjectMapper STRICT = new ObjectMapper().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private CnpgModel() {}

    record Metadata(String name, String namespace, Map<String, String> labels, Map<String, String> annotations) {}

    record Cluster(String apiVersion, String kind, Metadata metadata, ClusterSpec spec) {}

    record ClusterSpec(
            int instances,
            String imageName,
            String primaryUpdateStrategy,
            Storage storage,
            Resources resources,
            Managed managed) {}

    record Storage(String size, String storageClass) {}

    record Resources(Map<String, String> requests, Map<String, String> limits) {}

    record Managed(List<Role> roles) {}

    record Role(String name, String ensure, boolean login, SecretRef passwordSecret) {}

    record SecretRef(String name) {}

    record Database(String apiVersion, String kind, Metadata metadata, DatabaseSpec spec) {}

    record DatabaseSpec(SecretRef cluster, String name, String owner) {}
}

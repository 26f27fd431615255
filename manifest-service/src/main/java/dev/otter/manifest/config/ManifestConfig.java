package dev.otter.manifest.config;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;

/** Settings of the manifest-service. */
@ConfigMapping(prefix = "otter.manifest")
public interface ManifestConfig {

    /** The in-memory catalog. */
    Catalog catalog();

    /** The device update check. */
    UpdateCheck updateCheck();

    /** The legacy (seed-format) endpoints. */
    Legacy legacy();

    /** The rollout state read from Redis. */
    Rollout rollout();

    /** The update stream devices hold open to hear "check now" at once. */
    Stream stream();

    /** The webhook that hands "check now" signals to the operator's push gateway. */
    Push push();

    /**
     * Push-gateway webhook: the "check now" signals of rollbacks, pauses, retirements and urgent
     * releases, one POST per rollout or version, signed, retried with back-off, dead-lettered.
     */
    interface Push {
        /** Where to POST signals (absent: no webhook; signals still reach streams and polling devices). */
        Optional<String> webhookUrl();

        /** Tries before a signal is dead-lettered. */
        @WithDefault("8")
        int maxAttempts();

        /** Wait before the second try; doubled after each failure (± 20 %), up to {@code max-backoff}. */
        @WithDefault("1s")
        Duration initialBackoff();

        /** Longest wait between two tries. */
        @WithDefault("5m")
        Duration maxBackoff();

        /** How long one POST may take before it counts as failed. */
        @WithDefault("10s")
        Duration timeout();

        /** How often the outbox is polled for due deliveries. */
        @WithDefault("1s")
        Duration pollInterval();
    }

    /**
     * {@code GET /v1/updates/stream}: per-instance limits, heartbeats, how clients reconnect, and how
     * the "check now" signals of one change are spread so a fleet does not check in the same second.
     */
    interface Stream {
        /** Most streams one instance holds; one more is refused with 503 and a jittered Retry-After. */
        @WithDefault("30000")
        int maxConnections();

        /** Comment line sent on every idle stream this often, so proxies and NATs keep it open. */
        @WithDefault("15s")
        Duration heartbeat();

        /** Signals sent per second by one instance at least (a change concerning few devices reaches them at once). */
        @WithDefault("2000")
        int signalRate();

        /**
         * The signals of one change all leave within this window: when more devices are concerned
         * than {@code signal-rate} covers in it, the rate rises to fit.
         */
        @WithDefault("30s")
        Duration signalWindow();

        /** Reconnect delay told to clients ({@code retry:}); each stream gets a random one up to {@code reconnect-max}. */
        @WithDefault("1s")
        Duration reconnectMin();

        /** Upper bound of the jittered reconnect delay and of the Retry-After of a refused stream. */
        @WithDefault("30s")
        Duration reconnectMax();
    }

    /** The Ed25519 key that signs device answers, and the keys published for verification. */
    Signing signing();

    /**
     * Signing of update-check answers and legacy manifests. Rotation: make a new key active and list
     * the old one's public key under {@code previous-public-keys} until every device has fetched the
     * new key set; then drop it.
     */
    interface Signing {
        /** Key id of the active key, published with its public key. */
        @WithDefault("dev-1")
        String keyId();

        /** File holding the active private key: the base64url of its 32-byte Ed25519 seed. */
        @WithDefault(".local/signing/dev-1.key")
        String keyFile();

        /** Create the key file with a fresh key when it is missing (for local development; never in production). */
        @WithDefault("true")
        boolean generateIfMissing();

        /** Public keys still valid for verification, each {@code <key id>:<base64url of the 32-byte public key>}. */
        Optional<java.util.List<String>> previousPublicKeys();

        /** How long a signed answer is valid: devices refuse older ones (a frozen feed). */
        @WithDefault("PT24H")
        Duration validity();
    }

    /** Uploaded model files and their download links. */
    Artifacts artifacts();

    /** The artifact store (a local directory) and the expiring links devices download from. */
    interface Artifacts {
        /** Which store holds the files: {@code local} (a directory, served by this service) or {@code s3}. */
        @WithDefault("local")
        String store();

        /** The S3-compatible bucket, when {@code store} is {@code s3}. */
        S3 s3();

        /** An S3-compatible bucket: AWS S3, MinIO, Ceph RGW, R2 (through the AWS SDK v2). */
        interface S3 {
            /** Endpoint of an S3-compatible server, e.g. {@code http://minio:9000}; empty: AWS S3 of {@code region}. */
            Optional<URI> endpoint();

            /** Region the requests are signed for. */
            @WithDefault("us-east-1")
            String region();

            /** Bucket name. */
            Optional<String> bucket();

            /** Access key id; empty: the SDK's default credentials chain (IRSA web identity, instance profile, env). */
            Optional<String> accessKey();

            /** Secret access key, with {@code access-key}. */
            Optional<String> secretKey();

            /** Path-style URLs ({@code endpoint/bucket/key}), as MinIO wants; else virtual-hosted. */
            @WithDefault("false")
            boolean pathStyle();

            /** Key prefix of Otter's objects in the bucket. */
            @WithDefault("otter/")
            String prefix();

            /** Files larger than this go up as a multipart upload in parts of this size (5 MiB to 1 GiB). */
            @WithDefault("64M")
            MemorySize partSize();

            /** Parts of one multipart upload sent at once (each streams from the file: memory stays flat). */
            @WithDefault("4")
            int parallelParts();

            /** Attempts per S3 request, the first included, with the SDK's backoff between them. */
            @WithDefault("5")
            int maxAttempts();
        }
        /** Directory of the local store: content-addressed files (models and patches) under {@code sha256/}, uploads in progress under {@code tmp/}. */
        @WithDefault(".local/artifacts")
        String dir();

        /** Base URL devices reach this service's downloads at (default: http://127.0.0.1:<http port>). */
        Optional<String> publicUrl();

        /** Secret of the download links' HMAC. The default is for local development only: set your own. */
        @WithDefault("otter-local-development-download-secret")
        String tokenSecret();

        /** How long a download link is valid at least. */
        @WithDefault("PT6H")
        Duration linkTtl();

        /** Links are rounded up to whole windows, so answers within a window share a link. */
        @WithDefault("PT10M")
        Duration linkWindow();

        /** Largest upload accepted, in bytes (64 GiB: a 70B model in Q4 is ~40 GB; needs that much scratch). */
        @WithDefault("68719476736")
        long maxUploadBytes();

        /** Patches are made to a newly published version from this many of its predecessors (0: none). */
        @WithDefault("3")
        int patchPredecessors();

        /** A patch larger than this share of the full file is not offered (the full file is cheaper to verify). */
        @WithDefault("0.30")
        double patchMaxRatio();

        /** How often the patch worker looks for work. */
        @WithDefault("2s")
        Duration patchPollInterval();
    }

    /** How the rollout state published by rollout-service stays current here. */
    interface Rollout {
        /** How often to compare the snapshot versions in Redis with the ones held, in case an announcement was lost. */
        @WithDefault("5s")
        Duration reconcileInterval();

        /** Delay before retrying a lost Redis subscription. */
        @WithDefault("2s")
        Duration retryDelay();

        /**
         * Whether update checks wait until rollout-service has published its complete state at least
         * once (the marker key in Redis). Without it, a manifest-service that starts while Redis lost
         * its data would offer the newest version to everyone; with it, it answers 503 until the
         * state is back. Turn off only where no rollout-service runs.
         */
        @WithDefault("true")
        boolean requirePublishedState();
    }

    /** How the in-memory catalog stays current. */
    interface Catalog {
        /** How often to compare the in-memory revision with the database, in case a notification was lost. */
        @WithDefault("30s")
        Duration reconcileInterval();

        /** Delay before retrying a failed load or a lost Redis subscription. */
        @WithDefault("2s")
        Duration retryDelay();
    }

    /** Tuning of the update-check answer. */
    interface UpdateCheck {
        /** Artifacts larger than this many bytes are marked "download on Wi-Fi only". */
        @WithDefault("52428800")
        long wifiOnlyAboveBytes();

        /** When devices should check again, before jitter. */
        @WithDefault("4h")
        Duration checkInterval();

        /** Relative jitter applied to the check interval (0.2 = ±20%), so a fleet does not check in lockstep. */
        @WithDefault("0.2")
        double checkIntervalJitter();

        /** Most model families one device may ask about in one check. */
        @WithDefault("32")
        int maxFamilies();
    }

    /** Defaults for old clients that send no family, channel or tier. */
    interface Legacy {
        /** Family used when a legacy request names none; when unset, the catalog must hold exactly one family. */
        Optional<String> defaultFamily();

        /** Channel used when a legacy request names none. */
        @WithDefault("stable")
        String defaultChannel();

        /** Tier whose URL {@code POST /v1/model/update} returns; when unset, the version's first tier. */
        Optional<String> defaultTier();

        /** {@code Cache-Control: max-age} of the legacy manifest (served or static), so a CDN can cache it. */
        @WithDefault("60s")
        Duration cacheMaxAge();

        /**
         * Render each key-less family's seed-000 manifest (and its detached signature) into the
         * artifact store at {@code manifests/<family>/<channel>/manifest.json}, for a CDN to serve.
         */
        @WithDefault("true")
        boolean staticManifests();

        /** How often the static manifests are compared with what devices would be told, and rewritten when it changed. */
        @WithDefault("2s")
        Duration staticPollInterval();
    }
}

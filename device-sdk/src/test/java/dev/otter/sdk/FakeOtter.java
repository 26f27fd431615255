package dev.otter.sdk;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.otter.sdk.check.DeviceFacts;
import dev.otter.sdk.trust.TrustedKeys;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.crypto.signers.Ed25519Signer;

/**
 * A real HTTP server on loopback standing in for Otter's device API: signed update-check answers
 * (as manifest-service signs them), files with byte ranges, and a telemetry endpoint whose
 * statuses a test scripts.
 */
final class FakeOtter implements AutoCloseable {
    static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServer server;
    private final Ed25519PrivateKeyParameters key = new Ed25519PrivateKeyParameters(new SecureRandom());
    private final Map<String, byte[]> files = new ConcurrentHashMap<>();
    private final List<String> ranges = Collections.synchronizedList(new ArrayList<>());
    private final List<JsonNode> checks = Collections.synchronizedList(new ArrayList<>());
    private final List<JsonNode> batches = Collections.synchronizedList(new ArrayList<>());
    private final Deque<int[]> telemetryStatuses = new ArrayDeque<>(); // {status, retryAfter}
    private volatile ObjectNode answer;
    private volatile long revision = 1;
    private volatile boolean tamper;
    private volatile boolean ignoreRanges;

    FakeOtter() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/v1/update-check", this::check);
        server.createContext("/files/", this::file);
        server.createContext("/v1/telemetry/events", this::telemetry);
        server.createContext("/v1/updates/stream", this::stream);
        server.setExecutor(java.util.concurrent.Executors.newCachedThreadPool()); // streams hold a thread
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** An install id as apps make them: random per installation. */
    static final String INSTALL_ID = "3f1c9a2e-7b4d-4e8f-a1b2-c3d4e5f6a7b8";

    /** A device of family {@code assistant} talking to this server, storing in {@code dir}. */
    OtterDevice.Builder device(Path dir, java.util.function.UnaryOperator<DeviceFacts.Builder> facts) {
        return OtterDevice.builder()
                .baseUrl(url())
                .appKey("otk_test")
                .trustedKeys(keys())
                .storage(dir)
                .family("assistant")
                .facts(() -> facts.apply(DeviceFacts.builder(INSTALL_ID)).build());
    }

    byte[] publicKey() {
        return key.generatePublicKey().getEncoded();
    }

    TrustedKeys keys() {
        return new TrustedKeys(Map.of("k1", key.generatePublicKey().getEncoded()));
    }

    /** Serves {@code bytes} at {@code /files/<name>} and returns its URL. */
    String serve(String name, byte[] bytes) {
        files.put(name, bytes);
        return url() + "/files/" + name;
    }

    /** The next answers carry this one decision (a newer catalog revision each time it is set). */
    void decide(ObjectNode decision) {
        ObjectNode a = JSON.createObjectNode();
        a.putArray("decisions").add(decision);
        a.put("check_again_after", 600);
        a.put("catalog_revision", ++revision);
        a.put("expires_at", Instant.now().plusSeconds(3600).toString());
        answer = a;
    }

    /** The next answers carry these decisions (a newer catalog revision each time they are set). */
    void decideAll(ObjectNode... decisions) {
        decide(decisions[0]);
        for (int i = 1; i < decisions.length; i++) {
            ((com.fasterxml.jackson.databind.node.ArrayNode) answer.get("decisions")).add(decisions[i]);
        }
    }

    /** Sign answers over other bytes than those sent (a tampering middlebox). */
    void tamper(boolean on) {
        tamper = on;
    }

    void ignoreRanges(boolean on) {
        ignoreRanges = on;
    }

    /** The next telemetry posts answer these statuses (with a Retry-After of {@code retryAfter} s), then 202. */
    synchronized void telemetryAnswers(int status, int retryAfter, int times) {
        for (int i = 0; i < times; i++) {
            telemetryStatuses.add(new int[] {status, retryAfter});
        }
    }

    /** One scripted answer of the update stream: a refusal, or events then the end (or held open). */
    static final class StreamAnswer {
        final int status;
        final int retryAfter;
        final List<String> lines;
        final boolean hold;

        private StreamAnswer(int status, int retryAfter, List<String> lines, boolean hold) {
            this.status = status;
            this.retryAfter = retryAfter;
            this.lines = lines;
            this.hold = hold;
        }

        static StreamAnswer refuse(int status, int retryAfter) {
            return new StreamAnswer(status, retryAfter, List.of(), false);
        }

        static StreamAnswer events(String... lines) {
            return new StreamAnswer(200, -1, List.of(lines), false);
        }

        static StreamAnswer held() {
            return new StreamAnswer(200, -1, List.of(), true);
        }
    }

    /** A connection to the update stream as received. */
    static final class StreamConnection {
        final String query;
        final String lastEventId;
        final long atNanos = System.nanoTime();

        StreamConnection(String query, String lastEventId) {
            this.query = query;
            this.lastEventId = lastEventId;
        }
    }

    private final Deque<StreamAnswer> streamAnswers = new java.util.concurrent.ConcurrentLinkedDeque<>();
    private final List<StreamConnection> streamConnections = Collections.synchronizedList(new ArrayList<>());

    void streamAnswers(StreamAnswer... answers) {
        streamAnswers.addAll(List.of(answers));
    }

    List<StreamConnection> streamConnections() {
        return new ArrayList<>(streamConnections);
    }

    private void stream(HttpExchange x) throws IOException {
        streamConnections.add(new StreamConnection(
                x.getRequestURI().getRawQuery(), x.getRequestHeaders().getFirst("Last-Event-ID")));
        StreamAnswer a = streamAnswers.poll();
        if (a == null) {
            a = StreamAnswer.held();
        }
        if (a.status != 200) {
            x.getResponseHeaders().add("Retry-After", Integer.toString(a.retryAfter));
            send(x, a.status, "{\"code\":\"STREAM_CAPACITY\"}".getBytes(StandardCharsets.UTF_8));
            return;
        }
        x.getResponseHeaders().add("Content-Type", "text/event-stream");
        x.sendResponseHeaders(200, 0);
        try (OutputStream out = x.getResponseBody()) {
            for (String line : a.lines) {
                out.write((line + "\n").getBytes(StandardCharsets.UTF_8));
            }
            out.flush();
            long until = System.nanoTime() + 30_000_000_000L;
            while (a.hold && System.nanoTime() < until) { // until the client goes away
                out.write(": keep-alive\n\n".getBytes(StandardCharsets.UTF_8));
                out.flush();
                try {
                    Thread.sleep(50);
                } catch (InterruptedException e) {
                    return;
                }
            }
        } catch (IOException clientLeft) {
            // the device closed or reopened its stream
        }
    }

    List<String> ranges() {
        return new ArrayList<>(ranges);
    }

    List<JsonNode> checks() {
        return new ArrayList<>(checks);
    }

    /** The telemetry batches accepted, in order. */
    List<JsonNode> batches() {
        return new ArrayList<>(batches);
    }

    private void check(HttpExchange x) throws IOException {
        checks.add(JSON.readTree(x.getRequestBody()));
        byte[] body = JSON.writeValueAsBytes(answer);
        Ed25519Signer signer = new Ed25519Signer();
        signer.init(true, key);
        signer.update(body, 0, body.length);
        String sig = Base64.getUrlEncoder().withoutPadding().encodeToString(signer.generateSignature());
        x.getResponseHeaders().add("Otter-Signature", "keyid=k1; alg=Ed25519; sig=" + sig);
        if (tamper) { // the same answer with another action: what a middlebox would do
            body = new String(body, StandardCharsets.UTF_8)
                    .replace("NO_UPDATE", "UNINSTALL")
                    .getBytes(StandardCharsets.UTF_8);
        }
        send(x, 200, body);
    }

    private void file(HttpExchange x) throws IOException {
        byte[] bytes = files.get(x.getRequestURI().getPath().substring("/files/".length()));
        if (bytes == null) {
            send(x, 404, new byte[0]);
            return;
        }
        String range = x.getRequestHeaders().getFirst("Range");
        ranges.add(range);
        if (range == null || ignoreRanges) {
            send(x, 200, bytes);
            return;
        }
        int from = Integer.parseInt(range.substring("bytes=".length(), range.length() - 1));
        x.getResponseHeaders().add("Content-Range", "bytes " + from + "-" + (bytes.length - 1) + "/" + bytes.length);
        send(x, 206, java.util.Arrays.copyOfRange(bytes, from, bytes.length));
    }

    private void telemetry(HttpExchange x) throws IOException {
        JsonNode batch = JSON.readTree(x.getRequestBody());
        int[] scripted;
        synchronized (this) {
            scripted = telemetryStatuses.poll();
        }
        if (scripted != null) {
            x.getResponseHeaders().add("Retry-After", Integer.toString(scripted[1]));
            send(x, scripted[0], "{\"code\":\"BUSY\"}".getBytes(StandardCharsets.UTF_8));
            return;
        }
        batches.add(batch);
        ObjectNode answer = JSON.createObjectNode();
        answer.put("accepted", batch.path("events").size());
        answer.putArray("rejected");
        send(x, 202, JSON.writeValueAsBytes(answer));
    }

    private static void send(HttpExchange x, int status, byte[] body) throws IOException {
        x.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        try (OutputStream out = x.getResponseBody()) {
            out.write(body);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}

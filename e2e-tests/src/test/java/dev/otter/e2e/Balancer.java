package dev.otter.e2e;

import dev.otter.testsupport.SocketPump;
import java.io.IOException;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;

/**
 * What a Kubernetes Service does for the scale-out test: a loopback port spreading TCP connections
 * round-robin over several instances of one service, only over those whose {@code /q/health/ready}
 * answered 200 at the last poll (every 200 ms), and on to the next when a connection is refused —
 * so an instance killed mid-request fails the requests it held, and no more. With no instance ready
 * it answers 503, as an ingress does.
 */
final class Balancer implements AutoCloseable {
    private final ServerSocket server;
    private final List<Integer> backends;
    private final AtomicIntegerArray ready; // 1: answered ready at the last poll
    private final AtomicInteger next = new AtomicInteger();
    private volatile boolean closed;

    private Balancer(ServerSocket server, List<Integer> backends) {
        this.server = server;
        this.backends = List.copyOf(backends);
        this.ready = new AtomicIntegerArray(backends.size());
    }

    /** Listens on {@code port} in front of the instances on {@code backends}. */
    static Balancer start(String name, int port, List<Integer> backends) throws IOException {
        ServerSocket server = new ServerSocket(port, 200, InetAddress.getLoopbackAddress());
        Balancer balancer = new Balancer(server, backends);
        balancer.probe(); // know who is ready before the first connection
        daemon("balancer-" + name, balancer::acceptLoop);
        daemon("balancer-health-" + name, balancer::pollReadiness);
        return balancer;
    }

    @Override
    public void close() throws IOException {
        closed = true;
        server.close();
    }

    private void probe() {
        for (int i = 0; i < backends.size(); i++) {
            ready.set(i, answersReady(backends.get(i)) ? 1 : 0);
        }
    }

    private void pollReadiness() {
        while (!closed) {
            probe();
            try {
                Thread.sleep(200); // the probe period, as a readiness probe's periodSeconds
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private static boolean answersReady(int port) {
        try {
            HttpURLConnection c = (HttpURLConnection) URI.create("http://127.0.0.1:" + port + "/q/health/ready")
                    .toURL()
                    .openConnection();
            c.setConnectTimeout(300);
            c.setReadTimeout(1000);
            return c.getResponseCode() == 200;
        } catch (IOException down) {
            return false;
        }
    }

    private void acceptLoop() {
        while (!closed) {
            Socket client;
            try {
                client = server.accept();
            } catch (IOException e) {
                return;
            }
            Socket upstream = connect();
            if (upstream == null) {
                unavailable(client);
                continue;
            }
            SocketPump.start(client, upstream, () -> {});
            SocketPump.start(upstream, client, () -> {});
        }
    }

    // The next ready instance that accepts; a refused one is skipped, as kube-proxy's next endpoint.
    private Socket connect() {
        for (int attempt = 0; attempt < backends.size(); attempt++) {
            int i = Math.floorMod(next.getAndIncrement(), backends.size());
            if (ready.get(i) == 0) {
                continue;
            }
            Socket upstream = new Socket();
            try {
                upstream.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), backends.get(i)), 1000);
                return upstream;
            } catch (IOException refused) {
                SocketPump.closeQuietly(upstream);
            }
        }
        return null;
    }

    // Answers 503 and drains what the client still sends, so that closing does not reset the
    // connection under the response.
    private static void unavailable(Socket client) {
        daemon("balancer-503", () -> {
            try (client) {
                client.getOutputStream()
                        .write("HTTP/1.1 503 Service Unavailable\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
                                .getBytes(java.nio.charset.StandardCharsets.US_ASCII));
                client.shutdownOutput();
                client.setSoTimeout(2000);
                client.getInputStream().transferTo(OutputStream.nullOutputStream());
            } catch (IOException gone) {
                // the client left first, or sent nothing more
            }
        });
    }

    private static void daemon(String name, Runnable body) {
        Thread t = new Thread(body, name);
        t.setDaemon(true);
        t.start();
    }
}

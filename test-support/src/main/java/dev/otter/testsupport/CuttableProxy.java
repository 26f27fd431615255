package dev.otter.testsupport;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A TCP forwarder on a loopback port in front of a real backend, which a test can cut (every open
 * connection is closed and new ones are dropped at once, as when the backend's host goes away) and
 * restore, without stopping the backend that other tests share. Blocking sockets and two threads per
 * connection: the services under test open a handful of connections.
 */
public final class CuttableProxy implements AutoCloseable {
    private final ServerSocket server;
    private final InetSocketAddress target;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private volatile boolean cut;

    private CuttableProxy(ServerSocket server, InetSocketAddress target) {
        this.server = server;
        this.target = target;
    }

    /** Starts forwarding a free loopback port to {@code 127.0.0.1:targetPort}. */
    public static CuttableProxy start(String name, int targetPort) throws IOException {
        ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        CuttableProxy proxy =
                new CuttableProxy(server, new InetSocketAddress(InetAddress.getLoopbackAddress(), targetPort));
        Thread acceptor = new Thread(proxy::acceptLoop, "proxy-" + name);
        acceptor.setDaemon(true);
        acceptor.start();
        return proxy;
    }

    /** The port to connect to instead of the backend's. */
    public int port() {
        return server.getLocalPort();
    }

    /** The backend becomes unreachable: open connections close, new ones are dropped. */
    public void cut() {
        cut = true;
        open.forEach(CuttableProxy::closeQuietly);
        open.clear();
    }

    /** The backend is reachable again. */
    public void restore() {
        cut = false;
    }

    @Override
    public void close() {
        cut();
        closeQuietly(server);
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                if (cut) {
                    closeQuietly(client);
                    continue;
                }
                Socket upstream = new Socket();
                upstream.connect(target, 2000);
                open.add(client);
                open.add(upstream);
                pump(client, upstream);
                pump(upstream, client);
            } catch (IOException e) {
                // the server socket closed, or the backend refused: the client sees its socket close
            }
        }
    }

    private void pump(Socket from, Socket to) {
        SocketPump.start(from, to, () -> {
            open.remove(from);
            open.remove(to);
        });
    }

    private static void closeQuietly(AutoCloseable c) {
        SocketPump.closeQuietly(c);
    }
}

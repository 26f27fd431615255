package dev.otter.testsupport;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;

/** Copies one socket's input to another's output on a daemon thread, and closes both at the end. */
public final class SocketPump {
    private SocketPump() {}

    /** Starts the copy; {@code closed} runs once both sockets are closed. */
    public static void start(Socket from, Socket to, Runnable closed) {
        Thread t = new Thread(
                () -> {
                    byte[] buffer = new byte[16 * 1024];
                    try (InputStream in = from.getInputStream();
                            OutputStream out = to.getOutputStream()) {
                        int n;
                        while ((n = in.read(buffer)) >= 0) {
                            out.write(buffer, 0, n);
                            out.flush();
                        }
                    } catch (IOException closedByEitherSide) {
                        // either side closed, or the proxy was cut
                    } finally {
                        closeQuietly(from);
                        closeQuietly(to);
                        closed.run();
                    }
                },
                "socket-pump");
        t.setDaemon(true);
        t.start();
    }

    /** Closes, ignoring a socket already closed. */
    public static void closeQuietly(AutoCloseable c) {
        try {
            c.close();
        } catch (Exception ignored) {
            // already closed
        }
    }
}

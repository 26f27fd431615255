package dev.otter.sdk.stream;

/**
 * Reads Otter's update stream (Server-Sent Events) line by line: dispatches each event when its
 * blank line arrives, and remembers what a reconnect needs — the last event id (sent back as
 * {@code Last-Event-ID}) and the server's {@code retry:} delay.
 */
public final class StreamEvents {
    /** Called for each complete event. */
    public interface Listener {
        void onEvent(String event, String data);
    }

    private final Listener listener;
    private String event = "message";
    private StringBuilder data = new StringBuilder();
    private String id;
    private volatile String lastEventId;
    private volatile long retryMillis;

    /** @param initialRetryMillis the delay before reconnecting until the server says otherwise */
    public StreamEvents(Listener listener, long initialRetryMillis) {
        this.listener = listener;
        this.retryMillis = initialRetryMillis;
    }

    /** One line of the stream, without its line break. */
    public void line(String line) {
        if (line.isEmpty()) {
            if (id != null) {
                lastEventId = id;
            }
            if (data.length() > 0 || !"message".equals(event)) {
                listener.onEvent(event, data.toString());
            }
            event = "message";
            data = new StringBuilder();
            id = null;
        } else if (line.startsWith(":")) {
            return; // a comment: the server's keep-alive
        } else if (line.startsWith("event:")) {
            event = value(line);
        } else if (line.startsWith("id:")) {
            id = value(line);
        } else if (line.startsWith("data:")) {
            data.append(data.length() > 0 ? "\n" : "").append(value(line));
        } else if (line.startsWith("retry:")) {
            try {
                retryMillis = Long.parseLong(value(line));
            } catch (NumberFormatException ignored) {
                // the SSE rule: a retry that is not a number is ignored
            }
        }
    }

    private static String value(String line) {
        String v = line.substring(line.indexOf(':') + 1);
        return v.startsWith(" ") ? v.substring(1) : v;
    }

    /** The id of the last complete event, or null. */
    public String lastEventId() {
        return lastEventId;
    }

    /** How long to wait before reconnecting after the stream ended normally. */
    public long retryMillis() {
        return retryMillis;
    }
}

package dev.otter.telemetry.guard.service;

import java.time.Duration;

/**
 * The guard's always-valid decision: a windowed CUSUM of likelihood ratios (Page 1954, Lorden 1971)
 * whose boundary comes from Ville's inequality and a union bound, so that the chance of a false
 * rollback over the horizon stays under the false-alarm rate however often it is evaluated
 * (docs/guard.md explains and cites it).
 *
 * <p>For a reference rate p0 (the threshold, or the baseline plus the margin) and each alternative
 * {@code p1 = r·p0} of {@link #RATIOS}, every minute in the lookback starts one sequential
 * probability ratio test of "rate ≤ p0" against p1; the statistic is the largest log likelihood
 * ratio of all of them. Under a rate ≤ p0 each is a test supermartingale, so each crosses
 * {@code log(1/a)} with probability ≤ a at any time (Ville 1939); with one start a minute over the
 * horizon and every alternative, reference and enforced signal, the boundary {@code
 * log(starts·alternatives·references·signals/α)} bounds the chance that any of them ever crosses
 * by α.
 *
 * <p>Hand-written: it is a sum of logarithms over per-minute counts, which no statistics library
 * offers in this windowed, incremental form.
 */
public final class SequentialGuard {
    /** The alternatives tested, as multiples of the reference rate. */
    static final double[] RATIOS = {1.5, 2, 3, 5};

    /** References a variant is tested against: the threshold and the baseline plus its margin. */
    static final int REFERENCES = 2;

    private final double starts;
    private final double falseAlarmRate;
    private final int lookbackMinutes;

    /**
     * @param falseAlarmRate chance of a false rollback over the horizon (α)
     * @param horizon how long one release is watched at most for that bound to hold
     * @param lookback how far back a change may have started (the sliding window)
     */
    public SequentialGuard(double falseAlarmRate, Duration horizon, Duration lookback) {
        this.starts = Math.max(1, horizon.toMinutes());
        this.falseAlarmRate = falseAlarmRate;
        this.lookbackMinutes = (int) Math.max(1, lookback.toMinutes());
    }

    /**
     * The log likelihood ratio at or above which the guard decides that a rate is too high, when
     * {@code signals} signals are enforced (each may roll back: α is shared among them).
     */
    public double boundary(int signals) {
        return Math.log(starts * RATIOS.length * REFERENCES * Math.max(1, signals) / falseAlarmRate);
    }

    /** A new detector for one reference rate, fed one minute at a time. */
    public Detector detector(double referenceRate) {
        return new Detector(referenceRate, lookbackMinutes);
    }

    /**
     * Per-minute events with each minute's excess over its sessions counted in the latest earlier
     * minutes that have sessions to spare (oldest first, like the inputs). A crash is often reported
     * a minute or more after the session it ended was counted (on the next launch, after a stall);
     * without this the detector, which caps a minute's events at its sessions, would drop it. Moved
     * back rather than forward: the evidence then stays with the sessions it belongs to, so no start
     * gains events without their sessions. Events beyond every earlier session are dropped.
     */
    public static long[] attributeLateEvents(long[] sessions, long[] events) {
        long[] out = new long[events.length];
        for (int m = 0; m < events.length; m++) {
            out[m] = Math.min(events[m], sessions[m]);
            long excess = events[m] - out[m];
            for (int back = m - 1; back >= 0 && excess > 0; back--) {
                long spare = Math.min(excess, sessions[back] - out[back]);
                out[back] += spare;
                excess -= spare;
            }
        }
        return out;
    }

    /** What a detector found: its statistic and the counts since the start that maximises it. */
    public record Finding(double statistic, long sessions, long events, int minutes) {}

    /**
     * Tests one rate against a reference over a sliding lookback of minutes. Per alternative it keeps
     * the running sum of log likelihood ratios and a monotone queue of the smallest earlier sum in
     * the lookback, so each minute costs O(alternatives), amortised.
     */
    public static final class Detector {
        private final int lookback;
        private final double[] logHigh; // per alternative: log(p1/p0), for an event
        private final double[] logLow; // per alternative: log((1-p1)/(1-p0)), for a session without
        private final double[] sums;
        private final MinQueue[] minima;
        private final long[] sessionsAt; // prefix sums of sessions and events, a ring over the lookback
        private final long[] eventsAt;
        private long sessions;
        private long events;
        private int minute;

        Detector(double p0, int lookback) {
            this.lookback = lookback;
            int k = RATIOS.length;
            logHigh = new double[k];
            logLow = new double[k];
            sums = new double[k];
            minima = new MinQueue[k];
            for (int j = 0; j < k; j++) {
                // an alternative at or past certainty says nothing: it stays at 0 and never leads
                double p1 = Math.min(RATIOS[j] * p0, 0.999);
                boolean usable = p0 > 0 && p0 < 1 && p1 > p0;
                logHigh[j] = usable ? Math.log(p1 / p0) : 0;
                logLow[j] = usable ? Math.log((1 - p1) / (1 - p0)) : 0;
                minima[j] = new MinQueue(lookback + 1);
            }
            sessionsAt = new long[lookback + 1];
            eventsAt = new long[lookback + 1];
        }

        /** Adds one minute: its sessions and the events (crashes, failures) among them. */
        public void add(long minuteSessions, long minuteEvents) {
            long e = Math.min(minuteEvents, minuteSessions);
            for (int j = 0; j < sums.length; j++) {
                minima[j].push(minute, sums[j]); // this minute is a start: the sum before it
                sums[j] += e * logHigh[j] + (minuteSessions - e) * logLow[j];
            }
            sessions += minuteSessions;
            events += e;
            minute++;
            sessionsAt[minute % (lookback + 1)] = sessions;
            eventsAt[minute % (lookback + 1)] = events;
            for (MinQueue q : minima) {
                q.dropBefore(minute - lookback);
            }
        }

        /** The largest log likelihood ratio over alternatives and starts in the lookback, with its counts. */
        public Finding finding() {
            if (minute == 0) {
                return new Finding(0, 0, 0, 0);
            }
            double best = Double.NEGATIVE_INFINITY;
            int from = minute;
            for (int j = 0; j < sums.length; j++) {
                double s = sums[j] - minima[j].minValue();
                if (s > best) {
                    best = s;
                    from = minima[j].minIndex();
                }
            }
            int slot = from % (lookback + 1);
            return new Finding(best, sessions - sessionsAt[slot], events - eventsAt[slot], minute - from);
        }

        /** Sessions added over the whole lookback. */
        public long sessionsInLookback() {
            int start = Math.max(0, minute - lookback);
            return sessions - sessionsAt[start % (lookback + 1)];
        }
    }

    /** Sliding-window minimum of (index, value) pairs: a monotone deque over a ring. */
    private static final class MinQueue {
        private final int[] index;
        private final double[] value;
        private int head;
        private int size;

        MinQueue(int capacity) {
            index = new int[capacity];
            value = new double[capacity];
        }

        void push(int i, double v) {
            while (size > 0 && value[(head + size - 1) % index.length] >= v) {
                size--;
            }
            int tail = (head + size) % index.length;
            index[tail] = i;
            value[tail] = v;
            size++;
        }

        void dropBefore(int first) {
            while (size > 0 && index[head] < first) {
                head = (head + 1) % index.length;
                size--;
            }
        }

        double minValue() {
            return size == 0 ? 0 : value[head];
        }

        int minIndex() {
            return size == 0 ? 0 : index[head];
        }
    }
}

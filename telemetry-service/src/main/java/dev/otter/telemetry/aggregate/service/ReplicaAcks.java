package dev.otter.telemetry.aggregate.service;

import dev.otter.telemetry.config.TelemetryConfig;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.atomic.AtomicLong;
import org.jboss.logging.Logger;

/**
 * Waits (Redis WAIT) until {@code replica-acks} replicas hold a connection's writes, so that counts
 * survive the loss of the primary. Without enough replicas in time, counting goes on — stopping it
 * would leave every event waiting in Kafka for an operator — and the gap is reported; until the
 * recheck interval has passed, records do not wait for replicas known to be missing (a record each
 * waiting out the timeout would let Kafka's backlog grow by the second while a replica resyncs).
 * Replicas that are online but merely behind (a loaded machine) are waited for again, up to the lag
 * limit: skipping them would acknowledge records a failover then loses.
 */
@ApplicationScoped
public class ReplicaAcks {
    private static final Logger LOG = Logger.getLogger(ReplicaAcks.class);
    private static final long WARN_EVERY_MS = 60_000;

    private final int replicas;
    private final String timeoutMillis;
    private final Counter missed;
    private final long recheckMillis;
    private final long lagLimitMillis;
    private final AtomicLong lastWarning = new AtomicLong();
    private final AtomicLong missingUntil = new AtomicLong();

    public ReplicaAcks(TelemetryConfig config, MeterRegistry metrics) {
        this.replicas = config.counting().replicaAcks();
        this.timeoutMillis = Long.toString(config.counting().replicaAckTimeout().toMillis());
        this.recheckMillis = config.counting().replicaRecheckInterval().toMillis();
        this.lagLimitMillis = config.counting().replicaLagLimit().toMillis();
        this.missed = Counter.builder("otter.telemetry.replica_acks.missed")
                .description("Records acknowledged before enough Redis replicas held their counts")
                .register(metrics);
    }

    /** Whether records wait for replicas at all. */
    public boolean enabled() {
        return replicas > 0;
    }

    /** Waits for the replicas on {@code connection}; never fails for want of them. */
    public Uni<Void> await(ReactiveRedisDataSource connection) {
        if (System.currentTimeMillis() < missingUntil.get()) {
            missed.increment();
            return Uni.createFrom().voidItem();
        }
        return await(connection, System.currentTimeMillis() + lagLimitMillis);
    }

    private Uni<Void> await(ReactiveRedisDataSource connection, long lagDeadline) {
        return connection
                .execute("WAIT", Integer.toString(replicas), timeoutMillis)
                .chain(reply -> {
                    long acked = reply.toLong();
                    if (acked >= replicas) {
                        return Uni.createFrom().voidItem();
                    }
                    return onlineReplicas(connection).chain(online -> {
                        if (online >= replicas && System.currentTimeMillis() < lagDeadline) {
                            return await(connection, lagDeadline); // behind, not gone: it catches up
                        }
                        missed.increment();
                        missingUntil.set(System.currentTimeMillis() + recheckMillis);
                        warn(acked);
                        return Uni.createFrom().voidItem();
                    });
                });
    }

    /** Replicas connected and streaming (not syncing) to the primary behind {@code connection}. */
    private static Uni<Integer> onlineReplicas(ReactiveRedisDataSource connection) {
        return connection
                .execute("INFO", "replication")
                .map(reply -> onlineReplicas(reply.toString()))
                .onFailure()
                .recoverWithItem(0);
    }

    /** Counts {@code slaveN:...,state=online,...} lines of INFO replication. */
    static int onlineReplicas(String info) {
        return (int) info.lines()
                .filter(l -> l.startsWith("slave") && l.contains("state=online"))
                .count();
    }

    private void warn(long acked) {
        long now = System.currentTimeMillis();
        long last = lastWarning.get();
        if (now - last >= WARN_EVERY_MS && lastWarning.compareAndSet(last, now)) {
            LOG.warnf(
                    "only %d of %d Redis replicas acknowledged counts within %s ms; counting goes on without"
                            + " waiting for them (checked again every %d ms), but a failover now could lose the"
                            + " latest counts (warned again in a minute if it lasts)",
                    acked, replicas, timeoutMillis, recheckMillis);
        }
    }
}

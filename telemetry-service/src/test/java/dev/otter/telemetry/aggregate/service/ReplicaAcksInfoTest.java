package dev.otter.telemetry.aggregate.service;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Reading INFO replication: only replicas streaming to the primary count as online. */
class ReplicaAcksInfoTest {
    @Test
    void onlyReplicasInStateOnlineAreCounted() {
        String info = String.join(
                "\r\n",
                "# Replication",
                "role:master",
                "connected_slaves:2",
                "slave0:ip=127.0.0.1,port=6380,state=online,offset=1234,lag=0",
                "slave1:ip=127.0.0.1,port=6381,state=wait_bgsave,offset=0,lag=0",
                "master_repl_offset:1234");
        assertThat(ReplicaAcks.onlineReplicas(info)).isEqualTo(1);
        assertThat(ReplicaAcks.onlineReplicas("role:master\r\nconnected_slaves:0\r\n"))
                .isZero();
    }
}

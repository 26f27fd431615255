package dev.otter.rollout.health;

import dev.otter.testsupport.RedisDownContract;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

@QuarkusTest
@TestProfile(RedisDownContract.Unreachable.class)
class RedisDownTest extends RedisDownContract {

    @Override
    protected boolean redisGatesReadiness() {
        return true;
    }
}

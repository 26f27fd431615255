package dev.otter.simulator.device;

import java.util.List;
import java.util.Random;
import java.util.UUID;

/**
 * What a simulated device is: a random install id (never a hardware id), and a realistic spread of
 * regions, app versions, platforms, RAM tiers and models. Derived from a seed: the same fleet seed
 * gives the same fleet.
 */
public record DeviceProfile(
        String installId,
        String region,
        String appVersion,
        String runtimeVersion,
        String platform,
        String osVersion,
        String deviceModel,
        int ramMb,
        String preferredTier,
        boolean consents) {

    private static final List<String> REGIONS = List.of("US", "US", "US", "DE", "DE", "IN", "IN", "JP", "BR", "FR");
    private static final int[] RAM = {3072, 4096, 4096, 6144, 8192, 8192, 12_288};
    private static final List<String> ANDROID = List.of("Pixel 8", "Pixel 6a", "SM-S918B", "SM-A546B", "Xiaomi 13");
    private static final List<String> IOS = List.of("iPhone15,2", "iPhone14,5", "iPhone16,1");

    /** The class the device reports in its update checks and telemetry: {@code high} from 8 GB of RAM. */
    public String deviceClass() {
        return ramMb >= 8192 ? "high" : "mid";
    }

    /** The platform/ABI its engine builds are for. */
    public String abi() {
        return platform + "-arm64";
    }

    /**
     * The model interfaces its app can use: apps before 3.3 speak {@code chat@1} only, from 3.3 also
     * {@code chat@2} (two interface levels in one fleet).
     */
    public List<String> interfaces() {
        int minor = Integer.parseInt(appVersion.split("\\.")[1]);
        return minor >= 3 ? List.of("chat@1", "chat@2") : List.of("chat@1");
    }

    /** The profile of device number {@code n} of a fleet. */
    public static DeviceProfile of(long fleetSeed, int n) {
        Random r = new Random(fleetSeed * 1_000_003L + n);
        boolean android = r.nextInt(10) < 7;
        int ram = RAM[r.nextInt(RAM.length)];
        return new DeviceProfile(
                new UUID(r.nextLong(), r.nextLong()).toString(),
                REGIONS.get(r.nextInt(REGIONS.size())),
                "3." + r.nextInt(5) + ".0",
                "1." + (2 + r.nextInt(2)) + ".0",
                android ? "android" : "ios",
                android ? Integer.toString(11 + r.nextInt(5)) : (15 + r.nextInt(4)) + ".0",
                android ? ANDROID.get(r.nextInt(ANDROID.size())) : IOS.get(r.nextInt(IOS.size())),
                ram,
                ram >= 8192 ? "3b" : "1b",
                r.nextInt(100) < 97);
    }
}

package dev.otter.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.buffer.Buffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

/**
 * The update-check benchmark: seeds a catalog into a running manifest-service, then measures
 * maximum checks/s (closed loop) and latency at a fixed rate (open loop), and prints both.
 *
 * <p>Usage: {@code UpdateCheckBench URL FAMILIES VERSIONS_PER_FAMILY SECONDS CONNECTIONS RATE}
 */
public final class UpdateCheckBench {
    private UpdateCheckBench() {}

    public static void main(String[] args) throws Exception {
        String url = args[0];
        int families = Integer.parseInt(args[1]);
        int versions = Integer.parseInt(args[2]);
        int seconds = Integer.parseInt(args[3]);
        int connections = Integer.parseInt(args[4]);
        int rate = Integer.parseInt(args[5]);

        long seedStart = System.nanoTime();
        CatalogSeeder seeder = new CatalogSeeder(url);
        List<String> names = seeder.seed("bench-" + families, families, versions);
        String appKey = seeder.appKey();
        System.out.printf(
                "seeded %d families x %d versions x 2 tiers in %.1f s%n",
                families, versions, (System.nanoTime() - seedStart) / 1e9);

        List<Buffer> bodies = bodies(names, versions, 2_000);
        try (HttpLoad load = new HttpLoad(url + "/v1/update-check", Math.max(connections, 512), appKey)) {
            load.closedLoop(bodies, connections, 5); // warm-up: JIT, pools
            HttpLoad.Result max = load.closedLoop(bodies, connections, seconds);
            HttpLoad.Result fixed = load.openLoop(bodies, rate, seconds);
            String label = String.format(
                    "%d famil%s / %d versions", families, families == 1 ? "y" : "ies", families * versions);
            System.out.printf(
                    "RESULT %-26s max throughput (%d connections, %d s): %s%n",
                    label, connections, seconds, max.summary());
            System.out.printf(
                    "RESULT %-26s fixed rate %,d checks/s (%d s):        %s%n", label, rate, seconds, fixed.summary());
            String section = "Update check, " + label;
            Figures.print(section, "max checks/s (" + connections + " connections)", "%,.0f", max.perSecond());
            Figures.print(section, "p50 / p99 at max", "%.2f / %.2f ms", max.p(50), max.p(99));
            Figures.print(
                    section,
                    String.format("p50 / p99 at %,d checks/s", rate),
                    "%.2f / %.2f ms",
                    fixed.p(50),
                    fixed.p(99));
            Figures.print(section, "errors", "%d", max.errors() + fixed.errors());
        }
    }

    // Devices spread like a fleet: most up to date, some one or more versions behind, some new;
    // RAM tiers and preferred tiers vary, so every decision branch that costs something is hit.
    static List<Buffer> bodies(List<String> families, int versions, int count) throws Exception {
        ObjectMapper json = new ObjectMapper();
        Random random = new Random(42);
        List<Buffer> bodies = new ArrayList<>(count);
        int[] rams = {3072, 4096, 6144, 8192, 12_288};
        for (int i = 0; i < count; i++) {
            String family = families.get(random.nextInt(families.size()));
            Map<String, Object> model = new HashMap<>();
            model.put("family", family);
            model.put("preferred_tier", random.nextBoolean() ? "1b" : "3b");
            int installed = random.nextInt(versions + 1) - 1;
            if (installed >= 0) {
                model.put("installed_version", "1." + installed + ".0");
            }
            Map<String, Object> body = new HashMap<>();
            body.put(
                    "install_id",
                    UUID.nameUUIDFromBytes(("device-" + i).getBytes()).toString());
            body.put("app_version", "3.4.0");
            body.put("runtime_version", "1.2.0");
            body.put("platform", "android");
            body.put("os_version", "14");
            body.put("device_model", "Pixel " + (6 + random.nextInt(4)));
            body.put("ram_mb", rams[random.nextInt(rams.length)]);
            body.put("free_storage_mb", 4_000 + random.nextInt(60_000));
            body.put("region", List.of("DE", "US", "JP", "BR", "IN").get(random.nextInt(5)));
            body.put("channel", "stable");
            body.put("models", List.of(model));
            bodies.add(Buffer.buffer(json.writeValueAsBytes(body)));
        }
        return bodies;
    }
}

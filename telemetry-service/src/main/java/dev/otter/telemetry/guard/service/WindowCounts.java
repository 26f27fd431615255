package dev.otter.telemetry.guard.service;

import dev.otter.contract.rollout.SegmentDimension;
import dev.otter.telemetry.aggregate.service.CounterKeys;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Sums the live per-minute counters of a rollout, and of a family's versions, over a window. */
@ApplicationScoped
public class WindowCounts {
    private final ReactiveRedisDataSource redis;
    private final CounterKeys keys;

    public WindowCounts(ReactiveRedisDataSource redis, CounterKeys keys) {
        this.redis = redis;
        this.keys = keys;
    }

    /**
     * One cell of a rollout's counts: variant, version and a segment (a region, or a value of another
     * dimension), with each metric's total. A variant's region cells add up to all its counts; the
     * cells of each other dimension cover the events that told it.
     */
    public record Cell(
            String variant, String version, SegmentDimension dimension, String value, Map<String, Long> metrics) {
        public long get(String metric) {
            return metrics.getOrDefault(metric, 0L);
        }

        /** A region cell (the ones that add up to the variant). */
        public boolean isRegion() {
            return dimension == SegmentDimension.REGION;
        }
    }

    /** A rollout's region cells over the last {@code windowSeconds} (the current minute included). */
    public Uni<List<Cell>> rollout(String rolloutId, long windowSeconds) {
        return rollout(rolloutId, windowSeconds, false);
    }

    /** The same, and ({@code withSegments}) the cells of its other segment dimensions. */
    public Uni<List<Cell>> rollout(String rolloutId, long windowSeconds, boolean withSegments) {
        List<String> hashes = new ArrayList<>();
        for (long m : minutes(windowSeconds)) {
            hashes.add(keys.rollout(rolloutId, m));
            if (withSegments) {
                hashes.add(keys.segments(rolloutId, m));
            }
        }
        return sum(hashes).map(fields -> {
            Map<String, Cell> cells = new HashMap<>();
            fields.forEach((field, value) -> {
                String[] p = field.split("\\|");
                // family|version|variant|region|metric, or …|variant|DIMENSION|value|metric
                if (p.length == 5 || p.length == 6 && isDimension(p[3])) {
                    SegmentDimension d = p.length == 5 ? SegmentDimension.REGION : SegmentDimension.valueOf(p[3]);
                    String v = p[p.length - 2];
                    cells.computeIfAbsent(
                                    p[1] + "|" + p[2] + "|" + d + "|" + v,
                                    k -> new Cell(p[2], p[1], d, v, new HashMap<>()))
                            .metrics()
                            .merge(p[p.length - 1], value, Long::sum);
                }
            });
            return List.copyOf(cells.values());
        });
    }

    /** A version's totals per metric outside any rollout, over the window. */
    public Uni<Map<String, Long>> version(String family, String version, long windowSeconds) {
        String prefix = version + "|";
        return sum(minutes(windowSeconds).stream()
                        .map(m -> keys.family(family, m))
                        .toList())
                .map(fields -> {
                    Map<String, Long> totals = new HashMap<>();
                    fields.forEach((field, value) -> {
                        if (field.startsWith(prefix)) {
                            totals.merge(field.substring(field.lastIndexOf('|') + 1), value, Long::sum);
                        }
                    });
                    return totals;
                });
    }

    /**
     * A version's cells outside any rollout over the window, one per region, labelled {@code
     * variant} (a release watch judges them like a rollout's variant).
     */
    public Uni<List<Cell>> versionCells(String family, String version, long windowSeconds, String variant) {
        String prefix = version + "|";
        return sum(minutes(windowSeconds).stream()
                        .map(m -> keys.family(family, m))
                        .toList())
                .map(fields -> {
                    Map<String, Cell> cells = new HashMap<>();
                    fields.forEach((field, value) -> {
                        String[] p = field.split("\\|");
                        if (p.length == 3 && field.startsWith(prefix)) {
                            cells.computeIfAbsent(
                                            p[1],
                                            r -> new Cell(
                                                    variant, version, SegmentDimension.REGION, r, new HashMap<>()))
                                    .metrics()
                                    .merge(p[2], value, Long::sum);
                        }
                    });
                    return List.copyOf(cells.values());
                });
    }

    /** A version's per-minute counts outside any rollout over the last {@code seconds}, labelled {@code variant}. */
    public Uni<Series> versionSeries(String family, String version, long seconds, String variant) {
        List<Long> minutes = minutes(seconds);
        int n = minutes.size();
        List<String> args = new ArrayList<>(n + 3);
        args.add(VERSION_PER_MINUTE);
        args.add(Integer.toString(n));
        minutes.forEach(m -> args.add(keys.family(family, m)));
        args.add(version);
        return redis.execute("EVAL", args.toArray(String[]::new)).map(reply -> {
            Series series = Series.empty(variant, version, null, ALL_REGIONS, n);
            for (int i = 0; i + 2 < reply.size(); i += 3) {
                int minute = Integer.parseInt(reply.get(i).toString()) - 1;
                series.metrics().computeIfAbsent(reply.get(i + 1).toString(), k -> new long[n])[minute] +=
                        Long.parseLong(reply.get(i + 2).toString());
            }
            return series;
        });
    }

    // Per minute (KEYS in order), one version's counts (ARGV[1]) summed over regions, the scaled
    // resource sums left out: returns (minute index, metric, total) three at a time.
    private static final String VERSION_PER_MINUTE =
            """
            local out = {}
            for m, key in ipairs(KEYS) do
              local sums = {}
              local fields = redis.call('HGETALL', key)
              for i = 1, #fields, 2 do
                local version, metric = string.match(fields[i], '^([^|]*)|[^|]*|([^|]*)$')
                if version == ARGV[1] and not string.find(metric, '_x100', 1, true) then
                  sums[metric] = (sums[metric] or 0) + tonumber(fields[i + 1])
                end
              end
              for metric, n in pairs(sums) do
                out[#out + 1] = tostring(m)
                out[#out + 1] = metric
                out[#out + 1] = tostring(n)
              end
            end
            return out""";

    /** {@link Series#value()} of a series summed over every region (its dimension null). */
    public static final String ALL_REGIONS = "*";

    /**
     * A variant's counts minute by minute, per metric, oldest first (the current minute last), in one
     * segment or summed over all regions (dimension null, value {@link #ALL_REGIONS}).
     */
    public record Series(
            String variant,
            String version,
            SegmentDimension dimension,
            String value,
            int minutes,
            Map<String, long[]> metrics) {
        /** A series with no counts. */
        public static Series empty(
                String variant, String version, SegmentDimension dimension, String value, int minutes) {
            return new Series(variant, version, dimension, value, minutes, new HashMap<>());
        }

        /** Whether this is the series of that segment. */
        public boolean is(SegmentDimension d, String v) {
            return dimension == d && value.equals(v);
        }

        /** This series plus ({@code sign} 1) or minus (-1) another of the same length, metric by metric. */
        public Series plus(Series other, int sign, String value) {
            Map<String, long[]> out = new HashMap<>();
            metrics.forEach((k, v) -> out.put(k, v.clone()));
            other.metrics.forEach((k, v) -> {
                long[] m = out.computeIfAbsent(k, x -> new long[minutes]);
                for (int i = 0; i < minutes; i++) {
                    m[i] += sign * v[i];
                }
            });
            return new Series(variant, version, null, value, minutes, out);
        }

        /** This series with every negative count (from subtracting overlapping segments) raised to zero. */
        public Series atLeastZero() {
            Map<String, long[]> out = new HashMap<>();
            metrics.forEach((k, v) -> {
                long[] m = v.clone();
                for (int i = 0; i < m.length; i++) {
                    m[i] = Math.max(0, m[i]);
                }
                out.put(k, m);
            });
            return new Series(variant, version, dimension, value, minutes, out);
        }

        /** This series with every minute but the last {@code keep} set to zero. */
        public Series lastMinutes(int keep) {
            if (keep >= minutes) {
                return this;
            }
            Map<String, long[]> out = new HashMap<>();
            metrics.forEach((k, v) -> {
                long[] m = v.clone();
                java.util.Arrays.fill(m, 0, Math.max(0, minutes - keep), 0L);
                out.put(k, m);
            });
            return new Series(variant, version, dimension, value, minutes, out);
        }

        /** The per-minute sum of some metrics (zeros where none was counted). */
        public long[] sum(List<String> names) {
            long[] out = new long[minutes];
            for (String name : names) {
                long[] m = metrics.get(name);
                if (m != null) {
                    for (int i = 0; i < minutes; i++) {
                        out[i] += m[i];
                    }
                }
            }
            return out;
        }
    }

    /** Each variant's per-minute counts (summed over regions) over the last {@code seconds} of a rollout. */
    public Uni<List<Series>> rolloutSeries(String rolloutId, long seconds) {
        return rolloutSeries(rolloutId, seconds, false);
    }

    /**
     * Each variant's per-minute counts over the last {@code seconds} of a rollout: summed over regions,
     * or ({@code byRegion}) one series per variant and segment (every region, and — from the segment
     * hashes — every value of the other dimensions).
     */
    public Uni<List<Series>> rolloutSeries(String rolloutId, long seconds, boolean byRegion) {
        List<Long> minutes = minutes(seconds);
        int n = minutes.size();
        List<String> args = new ArrayList<>(n + 3);
        args.add(PER_MINUTE);
        args.add(Integer.toString(byRegion ? 2 * n : n));
        minutes.forEach(m -> args.add(keys.rollout(rolloutId, m)));
        if (byRegion) {
            minutes.forEach(m -> args.add(keys.segments(rolloutId, m))); // the same minutes again, n on
        }
        args.add(byRegion ? "1" : "0");
        return redis.execute("EVAL", args.toArray(String[]::new)).map(reply -> {
            Map<String, Series> series = new HashMap<>();
            for (int i = 0; i + 3 < reply.size(); i += 4) {
                int minute = (Integer.parseInt(reply.get(i).toString()) - 1) % n;
                String key = reply.get(i + 1).toString();
                String[] vv = key.split("\\|", 3); // version|variant|region, or …|DIMENSION=value
                int eq = vv[2].indexOf('=');
                SegmentDimension d = !byRegion
                        ? null
                        : eq < 0 ? SegmentDimension.REGION : SegmentDimension.valueOf(vv[2].substring(0, eq));
                String value = !byRegion ? ALL_REGIONS : vv[2].substring(eq + 1);
                Series s = series.computeIfAbsent(key, k -> Series.empty(vv[1], vv[0], d, value, n));
                s.metrics().computeIfAbsent(reply.get(i + 2).toString(), k -> new long[n])[minute] +=
                        Long.parseLong(reply.get(i + 3).toString());
            }
            return List.copyOf(series.values());
        });
    }

    // Per minute (KEYS in order) and variant — and segment if ARGV[1] is "1", else summed over regions —
    // each count (the scaled resource sums left out): returns (minute index, "version|variant|region"
    // or "version|variant|DIMENSION=value", metric, total) four at a time (region "*" when summed).
    private static final String PER_MINUTE =
            """
            local out = {}
            local byRegion = ARGV[1] == '1'
            for m, key in ipairs(KEYS) do
              local sums = {}
              local fields = redis.call('HGETALL', key)
              for i = 1, #fields, 2 do
                local version, variant, region, metric =
                  string.match(fields[i], '^[^|]*|([^|]*)|([^|]*)|([^|]*)|([^|]*)$')
                if metric and not string.find(metric, '_x100', 1, true) then
                  if not byRegion then region = '*' end
                  local k = version .. '|' .. variant .. '|' .. region .. '|' .. metric
                  sums[k] = (sums[k] or 0) + tonumber(fields[i + 1])
                elseif byRegion and not metric then
                  local sv, svar, dim, value, smetric =
                    string.match(fields[i], '^[^|]*|([^|]*)|([^|]*)|([A-Z_]+)|([^|]*)|([^|]*)$')
                  if smetric then
                    local k = sv .. '|' .. svar .. '|' .. dim .. '=' .. value .. '|' .. smetric
                    sums[k] = (sums[k] or 0) + tonumber(fields[i + 1])
                  end
                end
              end
              for k, n in pairs(sums) do
                local vv, metric = string.match(k, '^(.*)|([^|]*)$')
                out[#out + 1] = tostring(m)
                out[#out + 1] = vv
                out[#out + 1] = metric
                out[#out + 1] = tostring(n)
              end
            end
            return out""";

    // Sums many hashes field by field inside Redis: one round trip for a whole window.
    private static final String SUM =
            """
            local sums = {}
            for _, key in ipairs(KEYS) do
              local fields = redis.call('HGETALL', key)
              for i = 1, #fields, 2 do
                sums[fields[i]] = (sums[fields[i]] or 0) + tonumber(fields[i + 1])
              end
            end
            local out = {}
            for field, value in pairs(sums) do
              out[#out + 1] = field
              out[#out + 1] = tostring(value)
            end
            return out""";

    private Uni<Map<String, Long>> sum(List<String> hashes) {
        List<String> args = new ArrayList<>(hashes.size() + 2);
        args.add(SUM);
        args.add(Integer.toString(hashes.size()));
        args.addAll(hashes);
        return redis.execute("EVAL", args.toArray(String[]::new)).map(reply -> {
            Map<String, Long> sums = new HashMap<>();
            for (int i = 0; i + 1 < reply.size(); i += 2) {
                sums.put(
                        reply.get(i).toString(), Long.parseLong(reply.get(i + 1).toString()));
            }
            return sums;
        });
    }

    private static List<Long> minutes(long windowSeconds) {
        long now = Instant.now().getEpochSecond() / 60;
        long count = Math.max(1, (windowSeconds + 59) / 60);
        List<Long> minutes = new ArrayList<>();
        for (long m = now - count + 1; m <= now; m++) {
            minutes.add(m);
        }
        return minutes;
    }

    private static boolean isDimension(String name) {
        for (SegmentDimension d : SegmentDimension.values()) {
            if (d.name().equals(name)) {
                return true;
            }
        }
        return false;
    }
}

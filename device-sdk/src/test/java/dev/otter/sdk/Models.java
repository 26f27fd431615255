package dev.otter.sdk;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.otter.sdk.patch.Le;
import dev.otter.sdk.patch.PatchFormat;
import java.io.ByteArrayOutputStream;
import java.security.MessageDigest;
import java.util.Random;

/** Model files, patches and decisions for SDK tests (the SDK never parses a model: any bytes do). */
final class Models {
    private Models() {}

    static byte[] model(int size, long seed) {
        byte[] b = new byte[size];
        new Random(seed).nextBytes(b);
        return b;
    }

    /** {@code base} with its last quarter rewritten: what a fine-tune changes. */
    static byte[] edited(byte[] base, long seed) {
        byte[] b = base.clone();
        byte[] tail = model(base.length / 4, seed);
        System.arraycopy(tail, 0, b, base.length - tail.length, tail.length);
        return b;
    }

    static String sha256(byte[] b) {
        try {
            StringBuilder hex = new StringBuilder();
            for (byte x : MessageDigest.getInstance("SHA-256").digest(b)) {
                hex.append(String.format("%02x", x));
            }
            return hex.toString();
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A patch in Otter's format: copy the common prefix from the base, then the rest as data. */
    static byte[] patch(byte[] base, byte[] target) throws Exception {
        int same = 0;
        while (same < Math.min(base.length, target.length) && base[same] == target[same]) {
            same++;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] header = new byte[PatchFormat.HEADER_BYTES];
        Le.putInt(header, 0, PatchFormat.MAGIC);
        Le.putInt(header, 4, PatchFormat.VERSION);
        System.arraycopy(MessageDigest.getInstance("SHA-256").digest(base), 0, header, 8, 32);
        System.arraycopy(MessageDigest.getInstance("SHA-256").digest(target), 0, header, 40, 32);
        Le.putLong(header, 72, base.length);
        Le.putLong(header, 80, target.length);
        out.write(header);
        byte[] op = new byte[17];
        op[0] = PatchFormat.COPY;
        Le.putLong(op, 1, 0);
        Le.putLong(op, 9, same);
        out.write(op);
        byte[] data = new byte[9];
        data[0] = PatchFormat.DATA;
        Le.putLong(data, 1, target.length - same);
        out.write(data);
        out.write(target, same, target.length - same);
        out.write(PatchFormat.END);
        return out.toByteArray();
    }

    /** A decision as manifest-service writes it. */
    static ObjectNode decision(String action, String version, String url, byte[] model) {
        ObjectNode d = FakeOtter.JSON.createObjectNode();
        d.put("family", "assistant").put("action", action).put("reason", "NEWER_VERSION");
        d.put("message", "update to " + version).put("version", version);
        ObjectNode a = d.putObject("artifact");
        a.put("tier", "1b").put("url", url).put("size_bytes", model.length).put("sha256", sha256(model));
        d.put("release_notes", "Better answers.").put("urgent", false);
        ObjectNode dl = d.putObject("download");
        dl.put("wifi_only", false).put("enough_storage", true).put("user_confirmation_required", true);
        return d;
    }

    /** Adds a patch from {@code base} to a decision. */
    static ObjectNode withPatch(ObjectNode d, String url, byte[] patch, byte[] base) {
        ObjectNode p = ((ObjectNode) d.get("artifact")).putObject("patch");
        p.put("url", url)
                .put("size_bytes", patch.length)
                .put("sha256", sha256(patch))
                .put("base_sha256", sha256(base));
        return d;
    }
}

package dev.otter.telemetry.ingest.service;

import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Recognises personal data in telemetry (T/ISC 8.2: reports are de-identified): field names that
 * name personal data, and text that looks like an e-mail address, phone number, IP or MAC address,
 * or a long digit run (IMEI, card number).
 */
public final class PersonalData {
    private static final Set<String> FIELD_NAMES = Set.of(
            "email",
            "e_mail",
            "mail",
            "phone",
            "phone_number",
            "msisdn",
            "imei",
            "meid",
            "imsi",
            "iccid",
            "mac",
            "mac_address",
            "serial",
            "serial_number",
            "ip",
            "ip_address",
            "user_id",
            "user",
            "username",
            "user_name",
            "name",
            "full_name",
            "first_name",
            "last_name",
            "address",
            "location",
            "lat",
            "lon",
            "lng",
            "latitude",
            "longitude",
            "android_id",
            "idfa",
            "idfv",
            "gaid",
            "advertising_id",
            "device_id",
            "hardware_id");

    private static final Pattern EMAIL = Pattern.compile("[\\w.+-]+@[\\w-]+\\.[\\w.-]+");
    private static final Pattern PHONE = Pattern.compile("\\+?\\d[\\d ().-]{7,}\\d");
    private static final Pattern IPV4 = Pattern.compile("\\b(?:\\d{1,3}\\.){3}\\d{1,3}\\b");
    private static final Pattern IPV6 = Pattern.compile("\\b(?:[0-9a-fA-F]{1,4}:){3,7}[0-9a-fA-F]{1,4}\\b");
    private static final Pattern MAC = Pattern.compile("\\b(?:[0-9A-Fa-f]{2}[:-]){5}[0-9A-Fa-f]{2}\\b");
    private static final Pattern LONG_DIGITS = Pattern.compile("\\b\\d{14,19}\\b");

    private PersonalData() {}

    /** Whether a field of this name would carry personal data. */
    public static boolean isPersonalField(String name) {
        return FIELD_NAMES.contains(name.toLowerCase(Locale.ROOT).replace('-', '_'));
    }

    /** What kind of personal data the text seems to contain, if any. */
    public static Optional<String> findIn(String text) {
        if (text == null || text.isEmpty()) {
            return Optional.empty();
        }
        if (EMAIL.matcher(text).find()) {
            return Optional.of("an e-mail address");
        }
        if (MAC.matcher(text).find()) {
            return Optional.of("a MAC address");
        }
        if (IPV4.matcher(text).find() || IPV6.matcher(text).find()) {
            return Optional.of("an IP address");
        }
        if (LONG_DIGITS.matcher(text).find()) {
            return Optional.of("a device or card number");
        }
        if (PHONE.matcher(text).find() && text.replaceAll("\\D", "").length() >= 9) {
            return Optional.of("a phone number");
        }
        return Optional.empty();
    }
}

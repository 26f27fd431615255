package dev.otter.sdk.check;

/**
 * Whether the user agreed to this download after the app showed the decision's {@link Notice}
 * (T/ISC 5.1: no silent updates). Without it nothing is downloaded, unless the answer says no
 * confirmation is required.
 */
public enum UserConsent {
    /** The user saw the notice and agreed. */
    CONFIRMED,
    /** The user has not been asked, or declined. */
    NOT_GIVEN
}

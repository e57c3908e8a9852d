package io.vlm4j.spi;

import java.util.Objects;

/**
 * Whether a provider can work in this process, and if not, why (for the error the user sees).
 *
 * @param available true if it can work
 * @param reason why it cannot, empty when available
 */
public record Availability(boolean available, String reason) {
    /** Available. */
    public static final Availability AVAILABLE = new Availability(true, "");

    public Availability {
        Objects.requireNonNull(reason, "reason");
        if (!available && reason.isBlank()) {
            throw new IllegalArgumentException("an unavailable provider must say why");
        }
    }

    /** Unavailable, for {@code reason}. */
    public static Availability unavailable(String reason) {
        return new Availability(false, reason);
    }
}

package io.vlm4j;

/** A provider lacks a capability the request needs; the message names the provider and the capability. */
public class UnsupportedCapabilityException extends VlmException {
    private static final long serialVersionUID = 1L;

    public UnsupportedCapabilityException(String message) {
        super(ErrorCode.CAPABILITY_UNSUPPORTED, message);
    }

    public UnsupportedCapabilityException(String message, Throwable cause) {
        super(ErrorCode.CAPABILITY_UNSUPPORTED, message, cause);
    }
}

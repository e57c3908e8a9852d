package io.vlm4j;

/** A plugin cannot be used: a duplicate id (both locations named), an SPI version it was not compiled for, a failure to load. */
public class PluginException extends VlmException {
    private static final long serialVersionUID = 1L;

    public PluginException(String message) {
        super(ErrorCode.PLUGIN_INVALID, message);
    }

    public PluginException(String message, Throwable cause) {
        super(ErrorCode.PLUGIN_INVALID, message, cause);
    }
}

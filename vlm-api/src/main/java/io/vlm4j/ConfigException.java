package io.vlm4j;

/** A config file has a bad value; the message names the file and the JSON path (`config.json $.text_config.rope_scaling.factor: expected a number > 0, got "two"`). */
public class ConfigException extends VlmException {
    private static final long serialVersionUID = 1L;

    public ConfigException(String message) {
        super(ErrorCode.CONFIG_INVALID, message);
    }

    public ConfigException(String message, Throwable cause) {
        super(ErrorCode.CONFIG_INVALID, message, cause);
    }
}

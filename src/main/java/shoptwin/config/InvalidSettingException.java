package shoptwin.config;

import shoptwin.domain.ValidationException;

/**
 * A setting (an environment variable, a .env line, the settings file) cannot be used. The field is
 * the setting's name; the message names it too and never contains a secret.
 */
public class InvalidSettingException extends ValidationException {
    public InvalidSettingException(String setting, String rule, String message) {
        super(setting, rule, message);
    }

    public String setting() {
        return errors().get(0).field();
    }

    @Override
    public String getMessage() {
        return errors().get(0).message();
    }
}

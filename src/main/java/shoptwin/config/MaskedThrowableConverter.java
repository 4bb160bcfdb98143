package shoptwin.config;

import ch.qos.logback.classic.pattern.ThrowableProxyConverter;
import ch.qos.logback.classic.spi.IThrowableProxy;

/**
 * {@code %maskedEx}: a logged exception's messages and stack trace with every password masked.
 * Drivers put URLs and sometimes credentials into exception messages, and causes nest.
 */
public class MaskedThrowableConverter extends ThrowableProxyConverter {
    @Override
    protected String throwableProxyToString(IThrowableProxy proxy) {
        return Secrets.maskAll(super.throwableProxyToString(proxy));
    }
}

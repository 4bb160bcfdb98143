package shoptwin.config;

import java.net.InetSocketAddress;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where the headless mirror serves {@code /livez}, {@code /readyz} and {@code /metrics}:
 * {@code host:port} ({@code 127.0.0.1:9464}, {@code 0.0.0.0:9464}, {@code [::1]:9464}, {@code localhost:9464}).
 * Port 0 takes any free port (tests). There is no default host: an address open to the network is
 * only ever what someone typed.
 */
public record HttpAddress(String host, int port) {
    public static final String SETTING = "SHOPTWIN_HTTP";

    private static final Pattern FORM = Pattern.compile("(\\[[0-9A-Fa-f:.]+]|[A-Za-z0-9._-]+):(\\d{1,5})");

    /** Parses {@code text}, refusing anything else with a message that names {@code setting} (the variable or the option). */
    public static HttpAddress parse(String text, String setting) {
        String value = text == null ? "" : text.strip();
        Matcher m = FORM.matcher(value);
        if (!m.matches()) {
            throw new InvalidSettingException(setting, "http_address", setting + " must be host:port, e.g. 127.0.0.1:9464"
                    + (value.isEmpty() ? "" : " (got '" + Secrets.maskAll(value) + "')") + ".");
        }
        int port = Integer.parseInt(m.group(2));
        if (port > 65_535) {
            throw new InvalidSettingException(setting, "http_port", setting + " has port " + port + ": use 1 to 65535, e.g. 127.0.0.1:9464.");
        }
        String host = m.group(1);
        if (host.startsWith("[")) {
            host = host.substring(1, host.length() - 1);
        }
        return new HttpAddress(host, port);
    }

    /** Resolves the host (a name such as localhost is looked up here, once). */
    public InetSocketAddress socketAddress() {
        return new InetSocketAddress(host, port);
    }

    @Override
    public String toString() {
        return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
    }
}

package shoptwin.service;

import com.sun.net.httpserver.HttpExchange;
import io.prometheus.metrics.exporter.httpserver.HTTPServer;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.function.Supplier;
import shoptwin.config.HttpAddress;
import shoptwin.config.Secrets;

/**
 * The headless mirror's HTTP side, on the Prometheus client's server (the JDK's {@code com.sun.net.httpserver}
 * underneath): {@code /metrics} is the library's own handler (text format, OpenMetrics and protobuf by
 * content negotiation); {@code /livez} and {@code /readyz} are ours, plain text, one line. Bodies say what
 * the mirror does, never a password or a connection string with one (everything is masked again here).
 */
public final class HealthServer implements AutoCloseable {
    private final HTTPServer server;

    private HealthServer(HTTPServer server) {
        this.server = server;
    }

    static HealthServer start(HttpAddress address, PrometheusRegistry registry, Supplier<ServiceHealth> health) throws IOException {
        HTTPServer server = HTTPServer.builder()
                .hostname(address.host())
                .port(address.port())
                .registry(registry)
                .registerHealthHandler(false) // /livez and /readyz instead of the library's /-/healthy
                .defaultHandler(exchange -> answer(exchange, health))
                .buildAndStart();
        return new HealthServer(server);
    }

    /** The bound port (the one asked for, or the free one taken for port 0). */
    public int port() {
        return server.getPort();
    }

    private static void answer(HttpExchange exchange, Supplier<ServiceHealth> health) throws IOException {
        try (exchange) {
            String method = exchange.getRequestMethod();
            if (!method.equals("GET") && !method.equals("HEAD")) {
                exchange.getResponseHeaders().set("Allow", "GET, HEAD");
                send(exchange, 405, "only GET and HEAD");
                return;
            }
            switch (exchange.getRequestURI().getPath()) {
                case "/livez" -> {
                    ServiceHealth h = health.get();
                    if (h.loopAlive()) {
                        send(exchange, 200, "alive: " + h.phase().name().toLowerCase(java.util.Locale.ROOT).replace('_', ' '));
                    } else {
                        send(exchange, 503, "the mirror's loop has ended");
                    }
                }
                case "/readyz" -> {
                    Readiness r = Readiness.of(health.get());
                    send(exchange, r.ready() ? 200 : 503, (r.ready() ? "ready: " : "not ready: ") + r.reason());
                }
                case "/" -> send(exchange, 200, "ShopTwin mirror: /livez /readyz /metrics");
                default -> send(exchange, 404, "not found: try /livez, /readyz or /metrics");
            }
        }
    }

    private static void send(HttpExchange exchange, int status, String line) throws IOException {
        byte[] body = (Secrets.maskAll(line) + "\n").getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
        boolean head = exchange.getRequestMethod().equals("HEAD");
        exchange.sendResponseHeaders(status, head ? -1 : body.length);
        if (!head) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    @Override
    public void close() {
        server.close();
    }
}

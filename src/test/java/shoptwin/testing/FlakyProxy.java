package shoptwin.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A TCP proxy on 127.0.0.1 between a client (the mirror's MongoDB driver) and a server, which a
 * test steers to make the network misbehave:
 * <ul>
 *   <li>{@link #delay(Duration)}: every chunk is forwarded this long after it arrived (latency: chunks in flight overlap, so there is no cap on bandwidth);</li>
 *   <li>{@link #stall(boolean)}: bytes are held, not forwarded, while the sockets stay open (a
 *       black hole: what dropped packets look like to TCP until the peer times out);</li>
 *   <li>{@link #cutAll()}: every open connection is reset now;</li>
 *   <li>{@link #down(boolean)}: cut everything and refuse new connections until up again;</li>
 *   <li>{@link #cutAtRandom(double)}: each forwarded chunk cuts its connection with this probability.</li>
 * </ul>
 * Bounded: at most {@link #MAX_CONNECTIONS} connections at once (more are refused), daemon threads
 * only, and it closes itself after its lifetime even if a test forgets to.
 */
public final class FlakyProxy implements AutoCloseable {
    public static final int MAX_CONNECTIONS = 64;
    private static final Logger log = LoggerFactory.getLogger(FlakyProxy.class);
    private static final AtomicInteger INSTANCES = new AtomicInteger();

    private final String targetHost;
    private final int targetPort;
    private final ServerSocket server;
    private final Instant deadline;
    private final Set<Link> links = ConcurrentHashMap.newKeySet();
    private final Object stallLock = new Object();
    private final String name = "flaky-proxy-" + INSTANCES.incrementAndGet();

    private volatile long delayMillis;
    private volatile boolean stalled;
    private volatile boolean down;
    private volatile double cutProbability;
    private volatile boolean closed;

    private final AtomicLong accepted = new AtomicLong();
    private final AtomicLong refused = new AtomicLong();
    private final AtomicLong cuts = new AtomicLong();
    private final AtomicLong bytesForwarded = new AtomicLong();

    private FlakyProxy(String targetHost, int targetPort, int listenPort, Duration lifetime) {
        this.targetHost = targetHost;
        this.targetPort = targetPort;
        this.deadline = Instant.now().plus(lifetime);
        try {
            server = new ServerSocket();
            server.setReuseAddress(true);
            server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), listenPort), 50);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot listen on 127.0.0.1:" + listenPort, e);
        }
        Thread acceptor = new Thread(this::acceptLoop, name + "-accept");
        acceptor.setDaemon(true);
        acceptor.start();
        Thread reaper = new Thread(this::closeAtDeadline, name + "-lifetime");
        reaper.setDaemon(true);
        reaper.start();
    }

    /** A proxy to host:port on a free local port that closes itself after 10 minutes. */
    public static FlakyProxy to(String host, int port) {
        return new FlakyProxy(host, port, 0, Duration.ofMinutes(10));
    }

    public static FlakyProxy to(String host, int port, int listenPort, Duration lifetime) {
        return new FlakyProxy(host, port, listenPort, lifetime);
    }

    /** A proxy to the host:port of a {@code mongodb://host:port/...} URI (no SRV, one host). */
    public static FlakyProxy toMongo(String mongoUri) {
        String rest = mongoUri.replaceFirst("^mongodb://", "").replaceFirst("^[^@/]*@", "");
        String hostPort = rest.split("[/?,]", 2)[0];
        int colon = hostPort.lastIndexOf(':');
        return to(hostPort.substring(0, colon), Integer.parseInt(hostPort.substring(colon + 1)));
    }

    public int port() {
        return server.getLocalPort();
    }

    /** The URI a MongoDB client uses to go through this proxy (short timeouts, no retry magic). */
    public String mongoUri() {
        return mongoUri(Duration.ofSeconds(5));
    }

    public String mongoUri(Duration socketTimeout) {
        return "mongodb://127.0.0.1:" + port() + "/?connectTimeoutMS=2000&socketTimeoutMS=" + socketTimeout.toMillis()
                + "&serverSelectionTimeoutMS=2000&heartbeatFrequencyMS=500";
    }

    // ------------------------------------------------------------------ the knobs

    public FlakyProxy delay(Duration delay) {
        delayMillis = delay.toMillis();
        return this;
    }

    public FlakyProxy stall(boolean on) {
        synchronized (stallLock) {
            stalled = on;
            stallLock.notifyAll();
        }
        return this;
    }

    public FlakyProxy cutAtRandom(double probabilityPerChunk) {
        cutProbability = probabilityPerChunk;
        return this;
    }

    /** Down: every open connection is cut and new ones are refused until {@code down(false)}. */
    public FlakyProxy down(boolean on) {
        down = on;
        if (on) {
            cutAll();
        }
        return this;
    }

    public boolean isDown() {
        return down;
    }

    /** Resets every open connection now; new ones are accepted as usual. */
    public int cutAll() {
        int n = 0;
        for (Link link : links) {
            link.close();
            n++;
        }
        cuts.addAndGet(n);
        return n;
    }

    /** Back to a well-behaved pipe. */
    public FlakyProxy heal() {
        delay(Duration.ZERO);
        cutAtRandom(0);
        down(false);
        stall(false);
        return this;
    }

    // ------------------------------------------------------------------ counters

    public long acceptedConnections() {
        return accepted.get();
    }

    public long refusedConnections() {
        return refused.get();
    }

    public long cuts() {
        return cuts.get();
    }

    public long bytesForwarded() {
        return bytesForwarded.get();
    }

    public int openConnections() {
        return links.size();
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            server.close();
        } catch (IOException e) {
            log.debug("{}: closing the listener failed", name, e);
        }
        stall(false);
        for (Link link : links) {
            link.close();
        }
    }

    @Override
    public String toString() {
        return name + "[127.0.0.1:" + server.getLocalPort() + " -> " + targetHost + ":" + targetPort
                + ", delay=" + delayMillis + "ms, stalled=" + stalled + ", down=" + down + "]";
    }

    // ------------------------------------------------------------------ the pipe

    private void acceptLoop() {
        while (!closed) {
            Socket client;
            try {
                client = server.accept();
            } catch (IOException e) {
                if (!closed) {
                    log.warn("{}: accept failed", name, e);
                }
                return;
            }
            if (down || links.size() >= MAX_CONNECTIONS) {
                refused.incrementAndGet();
                closeQuietly(client);
                continue;
            }
            Socket upstream = new Socket();
            try {
                // as the driver and the server do: without it, Nagle's algorithm holds the relayed chunks
                client.setTcpNoDelay(true);
                upstream.setTcpNoDelay(true);
                upstream.connect(new InetSocketAddress(targetHost, targetPort), 2_000);
            } catch (IOException e) {
                // the server is down: the client sees its connection closed, as it would be
                refused.incrementAndGet();
                closeQuietly(client);
                closeQuietly(upstream);
                continue;
            }
            accepted.incrementAndGet();
            Link link = new Link(client, upstream);
            links.add(link);
            link.start();
        }
    }

    private void closeAtDeadline() {
        while (!closed) {
            long left = Duration.between(Instant.now(), deadline).toMillis();
            if (left <= 0) {
                log.info("{}: lifetime over, closing", name);
                close();
                return;
            }
            try {
                Thread.sleep(Math.min(left, 1_000));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private static void closeQuietly(Socket s) {
        try {
            // linger 0: a reset, as a cut cable or a killed server would give
            s.setSoLinger(true, 0);
        } catch (SocketException ignored) {
            // already closed
        }
        try {
            s.close();
        } catch (IOException ignored) {
            // nothing more to do for a socket we are throwing away
        }
    }

    private record Chunk(byte[] bytes, long due) {
        static final Chunk END = new Chunk(new byte[0], 0);
    }

    private final class Link {
        private final Socket client;
        private final Socket upstream;
        private volatile boolean open = true;

        Link(Socket client, Socket upstream) {
            this.client = client;
            this.upstream = upstream;
        }

        void start() {
            Thread up = new Thread(() -> pump(client, upstream), name + "-c2s");
            Thread downT = new Thread(() -> pump(upstream, client), name + "-s2c");
            up.setDaemon(true);
            downT.setDaemon(true);
            up.start();
            downT.start();
        }

        /**
         * Reads {@code from} and hands each chunk to a delay line, stamped with when it may leave: the
         * delay is latency, not a cap on bandwidth (chunks in flight overlap, as on a real network).
         */
        private void pump(Socket from, Socket to) {
            BlockingQueue<Chunk> line = new LinkedBlockingQueue<>();
            Thread forwarder = new Thread(() -> forward(line, to), Thread.currentThread().getName() + "-line");
            forwarder.setDaemon(true);
            forwarder.start();
            byte[] buffer = new byte[16 * 1024];
            try {
                InputStream in = from.getInputStream(); // closed with the link, after the line is drained
                int n;
                while (open && (n = in.read(buffer)) >= 0) {
                    line.add(new Chunk(Arrays.copyOf(buffer, n), System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(delayMillis)));
                }
            } catch (IOException e) {
                // the other side went away or we cut it: the link ends either way
            } finally {
                line.add(Chunk.END);
            }
        }

        private void forward(BlockingQueue<Chunk> line, Socket to) {
            try {
                OutputStream out = to.getOutputStream();
                while (open) {
                    Chunk c = line.take();
                    if (c == Chunk.END) {
                        break;
                    }
                    awaitNotStalled();
                    long wait = c.due() - System.nanoTime();
                    if (wait > 0) {
                        TimeUnit.NANOSECONDS.sleep(wait);
                    }
                    double p = cutProbability;
                    if (!open || down || p > 0 && ThreadLocalRandom.current().nextDouble() < p) {
                        cuts.incrementAndGet();
                        break;
                    }
                    out.write(c.bytes());
                    out.flush();
                    bytesForwarded.addAndGet(c.bytes().length);
                }
            } catch (IOException e) {
                // the other side went away or we cut it: the link ends either way
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                close();
            }
        }

        private void awaitNotStalled() throws InterruptedException {
            synchronized (stallLock) {
                while (stalled && open && !closed) {
                    stallLock.wait(200);
                }
            }
        }

        void close() {
            if (!open) {
                return;
            }
            open = false;
            links.remove(this);
            closeQuietly(client);
            closeQuietly(upstream);
            synchronized (stallLock) {
                stallLock.notifyAll();
            }
        }
    }
}

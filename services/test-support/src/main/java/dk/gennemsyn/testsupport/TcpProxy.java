package dk.gennemsyn.testsupport;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A TCP proxy on 127.0.0.1 between a service and a real server (PostgreSQL, RabbitMQ), to inject network faults:
 * {@link #cut()} drops every open connection and refuses new ones until {@link #restore()}; {@link #latency}
 * delays every chunk forwarded. What the service sees is what a real outage or a bad network gives it.
 */
public final class TcpProxy implements AutoCloseable {

    private final String targetHost;
    private final int targetPort;
    private final ServerSocket server;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private final AtomicInteger accepted = new AtomicInteger();
    private volatile boolean cut;
    private volatile long latencyMillis;
    private volatile boolean closed;

    public TcpProxy(String targetHost, int targetPort) {
        this.targetHost = targetHost;
        this.targetPort = targetPort;
        try {
            server = new ServerSocket();
            server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        } catch (IOException e) {
            throw new IllegalStateException("Cannot open a proxy port", e);
        }
        Thread acceptor = new Thread(this::accept, "tcp-proxy-" + port());
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /**
     * A proxy in front of the database of a test context's properties, which it rewrites to go through the proxy;
     * a request then waits at most 1 s for a connection while the proxy is cut.
     */
    public static TcpProxy forDatabase(java.util.Map<String, String> props) {
        java.net.URI pg = java.net.URI.create(props.get("datasources.default.url").substring("jdbc:".length()));
        TcpProxy proxy = new TcpProxy(pg.getHost(), pg.getPort());
        props.put("datasources.default.url", "jdbc:postgresql://127.0.0.1:" + proxy.port() + pg.getRawPath());
        props.put("datasources.default.connection-timeout", "1000");
        return proxy;
    }

    /** A proxy in front of the broker of a test context's properties, which it rewrites to go through the proxy. */
    public static TcpProxy forBroker(java.util.Map<String, String> props) {
        java.net.URI amqp = java.net.URI.create(props.get("gennemsyn.rabbitmq.uri"));
        TcpProxy proxy = new TcpProxy(amqp.getHost(), amqp.getPort());
        props.put("gennemsyn.rabbitmq.uri", "amqp://" + amqp.getRawUserInfo() + "@127.0.0.1:" + proxy.port()
                + amqp.getRawPath());
        return proxy;
    }

    public int port() {
        return server.getLocalPort();
    }

    /** Connections accepted so far (refused ones included). */
    public int accepted() {
        return accepted.get();
    }

    /** Connections open through the proxy now (client side). */
    public int openConnections() {
        return open.size() / 2;
    }

    /** Drops every open connection and refuses new ones, as a server that went away does. */
    public void cut() {
        cut = true;
        for (Socket s : open) {
            closeQuietly(s);
        }
        open.clear();
    }

    public void restore() {
        cut = false;
    }

    public boolean isCut() {
        return cut;
    }

    public void latency(Duration d) {
        latencyMillis = d.toMillis();
    }

    private void accept() {
        while (!closed) {
            Socket client;
            try {
                client = server.accept();
            } catch (IOException e) {
                return; // closed
            }
            accepted.incrementAndGet();
            if (cut) {
                closeQuietly(client);
                continue;
            }
            try {
                Socket upstream = new Socket(targetHost, targetPort);
                client.setTcpNoDelay(true);
                upstream.setTcpNoDelay(true);
                open.add(client);
                open.add(upstream);
                pipe(client, upstream);
                pipe(upstream, client);
            } catch (IOException e) {
                closeQuietly(client);
            }
        }
    }

    private void pipe(Socket from, Socket to) {
        Thread t = new Thread(() -> {
            byte[] buf = new byte[16 * 1024];
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                int n;
                while ((n = in.read(buf)) >= 0) {
                    long delay = latencyMillis;
                    if (delay > 0) {
                        Thread.sleep(delay);
                    }
                    if (cut) {
                        break;
                    }
                    out.write(buf, 0, n);
                    out.flush();
                }
            } catch (IOException | InterruptedException e) {
                // one side closed or the proxy cut it: close both
            } finally {
                closeQuietly(from);
                closeQuietly(to);
                open.remove(from);
                open.remove(to);
            }
        }, "tcp-proxy-pipe");
        t.setDaemon(true);
        t.start();
    }

    private static void closeQuietly(Socket s) {
        try {
            s.close();
        } catch (IOException ignored) {
            // already closed
        }
    }

    @Override
    public void close() {
        closed = true;
        cut();
        try {
            server.close();
        } catch (IOException ignored) {
            // already closed
        }
    }
}

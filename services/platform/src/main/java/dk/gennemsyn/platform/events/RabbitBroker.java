package dk.gennemsyn.platform.events;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import io.micronaut.context.annotation.Value;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeoutException;

/**
 * The connection to RabbitMQ and the topology every service shares:
 * <ul>
 *   <li>{@value #EXCHANGE}: a durable topic exchange; the routing key is the event type.</li>
 *   <li>one durable quorum queue per consuming service, named after it, with a delivery limit and
 *       dead-lettering (RabbitMQ 3.10 has no default limit);</li>
 *   <li>{@value #DEAD_LETTER_EXCHANGE} and a queue {@code <service>.dead-letters} per service.</li>
 * </ul>
 * The connection recovers by itself after it was once open; until then {@link #connection()} retries.
 */
@Singleton
public class RabbitBroker {

    public static final String EXCHANGE = "gennemsyn.events";
    public static final String DEAD_LETTER_EXCHANGE = "gennemsyn.dead-letters";

    private static final Logger LOG = LoggerFactory.getLogger(RabbitBroker.class);

    private final ConnectionFactory factory = new ConnectionFactory();
    private final String service;
    private final int deliveryLimit;
    // JDBC work runs in consumer callbacks: give them their own threads, not the connection's.
    private final ExecutorService consumerThreads = Executors.newFixedThreadPool(4);
    private volatile Connection connection;
    private Channel topology;
    private boolean exchangesDeclared;
    private boolean queuesDeclared;

    public RabbitBroker(@Value("${gennemsyn.rabbitmq.uri}") String uri,
                        @Value("${micronaut.application.name}") String service,
                        @Value("${gennemsyn.rabbitmq.delivery-limit:5}") int deliveryLimit,
                        @Value("${gennemsyn.rabbitmq.ca-file:}") String caFile) {
        try {
            factory.setUri(uri);
        } catch (Exception e) {
            throw new IllegalArgumentException("Bad gennemsyn.rabbitmq.uri", e);
        }
        if (!factory.isSSL() && caFile != null && !caFile.isBlank()) {
            // A CA for the broker means TLS was intended: never send the credentials in plain text instead.
            throw new IllegalArgumentException("gennemsyn.rabbitmq.ca-file is set but the RabbitMQ URI is not amqps://");
        }
        if (factory.isSSL()) {
            // amqps: verify the broker's certificate and host name (setUri alone would trust any certificate).
            factory.useSslProtocol(BrokerTls.context(caFile));
            factory.enableHostnameVerification();
        }
        factory.setAutomaticRecoveryEnabled(true);
        factory.setTopologyRecoveryEnabled(true);
        factory.setNetworkRecoveryInterval(1000);
        factory.setRequestedHeartbeat(15);
        factory.setConnectionTimeout(5000);
        factory.setSharedExecutor(consumerThreads);
        this.service = service;
        this.deliveryLimit = deliveryLimit;
    }

    public String service() {
        return service;
    }

    public String queue() {
        return service;
    }

    public String deadLetterQueue() {
        return service + ".dead-letters";
    }

    public synchronized Connection connection() throws IOException {
        if (connection == null) {
            try {
                connection = factory.newConnection(service);
                LOG.info("Connected to RabbitMQ");
            } catch (TimeoutException e) {
                throw new IOException("RabbitMQ connection timed out", e);
            }
        }
        return connection;
    }

    public boolean isConnected() {
        Connection c = connection;
        return c != null && c.isOpen();
    }

    /**
     * The channel every declaration goes through, kept open for the life of the connection: the client records each
     * declaration with its channel and repeats it there after a connection recovery, which fails on a channel that
     * was closed meanwhile ("channel is already closed" for every queue and binding after a broker restart).
     */
    private synchronized Channel topologyChannel() throws IOException {
        if (topology == null || !topology.isOpen()) {
            topology = connection().createChannel();
        }
        return topology;
    }

    /** Declares the shared exchanges, once per process (the client redeclares them after a recovery). */
    public synchronized void declareExchanges() throws IOException {
        if (!exchangesDeclared) {
            Channel ch = topologyChannel();
            ch.exchangeDeclare(EXCHANGE, "topic", true);
            ch.exchangeDeclare(DEAD_LETTER_EXCHANGE, "direct", true);
            exchangesDeclared = true;
        }
    }

    /** Declares this service's queue and dead-letter queue, once per process. */
    public synchronized void declareQueues() throws IOException {
        if (queuesDeclared) {
            return;
        }
        declareExchanges();
        Channel ch = topologyChannel();
        ch.queueDeclare(deadLetterQueue(), true, false, false, Map.of("x-queue-type", "quorum"));
        ch.queueBind(deadLetterQueue(), DEAD_LETTER_EXCHANGE, service);
        ch.queueDeclare(queue(), true, false, false, Map.of(
                "x-queue-type", "quorum",
                "x-delivery-limit", deliveryLimit,
                "x-dead-letter-exchange", DEAD_LETTER_EXCHANGE,
                "x-dead-letter-routing-key", service,
                // at-least-once dead-lettering: a message is not dropped if the DLQ is unavailable.
                "x-dead-letter-strategy", "at-least-once",
                "x-overflow", "reject-publish"));
        queuesDeclared = true;
    }

    /** Binds this service's queue to the event types it handles. */
    public synchronized void bind(Iterable<String> eventTypes) throws IOException {
        declareQueues();
        Channel ch = topologyChannel();
        for (String type : eventTypes) {
            ch.queueBind(queue(), EXCHANGE, type);
        }
    }

    @PreDestroy
    void close() {
        Connection c = connection;
        if (c != null && c.isOpen()) {
            try {
                c.close(2000);
            } catch (IOException | RuntimeException e) {
                LOG.debug("Closing RabbitMQ connection: {}", e.getMessage());
            }
        }
        consumerThreads.shutdown();
    }
}

package stancegraph;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;

import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.configuration.connectors.BoltConnector;
import org.neo4j.configuration.connectors.BoltConnectorInternalSettings;
import org.neo4j.configuration.connectors.HttpConnector;
import org.neo4j.configuration.connectors.HttpsConnector;
import org.neo4j.configuration.helpers.SocketAddress;
import org.neo4j.dbms.api.DatabaseManagementService;
import org.neo4j.dbms.api.DatabaseManagementServiceBuilder;
import org.neo4j.graphdb.GraphDatabaseService;
import org.neo4j.io.ByteUnit;
import org.neo4j.logging.Level;
import org.neo4j.logging.log4j.Log4jLogProvider;

/**
 * Runs a Neo4j Community DBMS embedded in this JVM with a Bolt connector on
 * loopback, for development and CI (started by scripts/neo4j).
 *
 * <p>Usage: {@code Launcher <home-dir> <bolt-port> <password>}
 *
 * <p>Auth is enabled. On every start the built-in {@code neo4j} user's password is
 * set to the given one through the system database (embedded transactions run with
 * full privileges), with no forced change, so Bolt clients log in as
 * {@code neo4j/<password>} straight away. Prints {@code READY bolt://127.0.0.1:<port>}
 * once that is done; SIGTERM runs a shutdown hook that shuts the DBMS down cleanly.
 */
public final class Launcher {
    private static final String HOST = "127.0.0.1";

    private Launcher() {}

    public static void main(String[] args) throws Exception {
        if (args.length != 3) {
            System.err.println("usage: Launcher <home-dir> <bolt-port> <password>");
            System.exit(2);
        }
        Path home = Path.of(args[0]).toAbsolutePath();
        int port = Integer.parseInt(args[1]);
        String password = args[2];
        if (password.length() < 8) {
            // Neo4j 5 rejects passwords shorter than dbms.security.auth_minimum_password_length (8).
            System.err.println("password must be at least 8 characters");
            System.exit(2);
        }
        Files.createDirectories(home);

        log("starting Neo4j " + neo4jVersion() + " in " + home + " (bolt " + HOST + ":" + port + ")");
        long t0 = System.nanoTime();

        final DatabaseManagementService dbms;
        try {
            dbms = new DatabaseManagementServiceBuilder(home)
                    .setConfig(BoltConnector.enabled, true)
                    .setConfig(BoltConnector.listen_address, new SocketAddress(HOST, port))
                    .setConfig(BoltConnector.advertised_address, new SocketAddress(HOST, port))
                    .setConfig(BoltConnector.encryption_level, BoltConnector.EncryptionLevel.DISABLED)
                    // Internal settings, default 5 s each (netty quiet periods); a test server should stop fast.
                    .setConfig(BoltConnectorInternalSettings.thread_pool_shutdown_wait_time, Duration.ofSeconds(1))
                    .setConfig(BoltConnectorInternalSettings.connection_shutdown_wait_time, Duration.ofSeconds(1))
                    .setConfig(HttpConnector.enabled, false)
                    .setConfig(HttpsConnector.enabled, false)
                    .setConfig(GraphDatabaseSettings.auth_enabled, true)
                    .setConfig(GraphDatabaseSettings.pagecache_memory, ByteUnit.mebiBytes(256))
                    // Keep the transaction logs of a dev/test database small.
                    .setConfig(GraphDatabaseSettings.keep_logical_logs, "2 files")
                    .setConfig(GraphDatabaseSettings.udc_enabled, false)
                    // Neo4j's user log (what neo4j.log holds in a server install) goes to stdout.
                    .setUserLogProvider(new Log4jLogProvider(System.out, Level.INFO))
                    // Any other setting, e.g. a small dbms.memory.transaction.total.max for a test.
                    .loadPropertiesFromFile(extraSettings(home))
                    .build();
        } catch (Throwable t) {
            log("startup failed: " + t);
            t.printStackTrace(System.out);
            System.exit(1);
            return;
        }

        AtomicBoolean shutDown = new AtomicBoolean();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            shutdown(dbms, shutDown);
            stopped.countDown();
        }, "neo4j-shutdown"));

        try {
            setPassword(dbms.database(GraphDatabaseSettings.SYSTEM_DATABASE_NAME), password);
            // Make sure the default database is up before declaring readiness.
            dbms.database(GraphDatabaseSettings.DEFAULT_DATABASE_NAME).executeTransactionally("RETURN 1");
        } catch (Throwable t) {
            log("startup failed: " + t);
            t.printStackTrace(System.out);
            shutdown(dbms, shutDown);
            // Neo4j's non-daemon threads would keep the JVM alive otherwise.
            System.exit(1);
        }

        long ms = (System.nanoTime() - t0) / 1_000_000;
        log("started in " + ms + " ms; auth enabled for user neo4j");
        System.out.println("READY bolt://" + HOST + ":" + port);
        System.out.flush();

        stopped.await();
    }

    /**
     * Gives the built-in admin user {@code neo4j} the given password, with no forced
     * change on first login. Embedded transactions are not subject to auth, so this
     * works on the system database without knowing the current password. On the
     * first start the user exists as neo4j/neo4j with a forced change; on later
     * starts it usually has the password already, which Neo4j refuses to "change"
     * to itself, so that case only clears the change-required flag.
     */
    private static void setPassword(GraphDatabaseService system, String password) {
        Map<String, Object> params = Map.of("pw", password);
        system.executeTransactionally(
                "CREATE USER neo4j IF NOT EXISTS SET PLAINTEXT PASSWORD $pw CHANGE NOT REQUIRED", params);
        try {
            system.executeTransactionally(
                    "ALTER USER neo4j SET PLAINTEXT PASSWORD $pw CHANGE NOT REQUIRED", params);
            log("password of user neo4j set");
        } catch (RuntimeException e) {
            if (!String.valueOf(rootMessage(e)).contains("Old password and new password cannot be the same")) {
                throw e;
            }
            system.executeTransactionally("ALTER USER neo4j SET PASSWORD CHANGE NOT REQUIRED");
            log("user neo4j already has the configured password");
        }
    }

    private static String rootMessage(Throwable t) {
        StringBuilder sb = new StringBuilder();
        for (Throwable c = t; c != null; c = c.getCause()) {
            sb.append(c.getMessage()).append('\n');
        }
        return sb.toString();
    }

    private static void shutdown(DatabaseManagementService dbms, AtomicBoolean done) {
        if (!done.compareAndSet(false, true)) {
            return;
        }
        log("stopping Neo4j");
        try {
            dbms.shutdown();
            log("Neo4j stopped");
        } catch (Throwable t) {
            log("error during shutdown: " + t);
        }
    }

    private static String neo4jVersion() {
        Package p = DatabaseManagementService.class.getPackage();
        String v = p == null ? null : p.getImplementationVersion();
        return v == null ? "(unknown version)" : v;
    }

    /**
     * Writes {@code NEO4J_SETTINGS} (Neo4j settings as {@code name=value} pairs separated by
     * spaces or commas, e.g. {@code dbms.memory.transaction.total.max=64m}) to a file in
     * home for the builder to load, and returns it; an empty file without the variable.
     */
    private static Path extraSettings(Path home) throws java.io.IOException {
        StringBuilder conf = new StringBuilder();
        String raw = System.getenv("NEO4J_SETTINGS");
        if (raw != null && !raw.isBlank()) {
            for (String kv : raw.trim().split("[\\s,]+")) {
                if (kv.indexOf('=') <= 0) {
                    throw new IllegalArgumentException("NEO4J_SETTINGS: want name=value, got '" + kv + "'");
                }
                conf.append(kv).append('\n');
                log("setting " + kv);
            }
        }
        Path file = home.resolve("settings.conf");
        Files.writeString(file, conf.toString());
        return file;
    }

    private static void log(String msg) {
        System.out.println("[launcher] " + msg);
        System.out.flush();
    }
}

package io.drainboard.sim;

/**
 * Standalone simulator: {@code java -jar simulator/target/drainboard-simulator.jar --port 4566 --scenario demo}
 * (or {@code java -cp … io.drainboard.sim.SimulatorMain}).
 * Point any AWS client at it with {@code --endpoint-url http://127.0.0.1:PORT} and dummy credentials.
 */
public final class SimulatorMain {
    /** The running simulator: POST /admin/reset replaces it with a fresh one on the same port. */
    static final java.util.concurrent.atomic.AtomicReference<Simulator> CURRENT =
            new java.util.concurrent.atomic.AtomicReference<>();

    private SimulatorMain() {
    }

    static final String USAGE = "usage: SimulatorMain [--port 4566] [--scenario demo|FILE.yaml] [--speed 1.0]"
            + " [--no-throttling] [--no-autoscaling]";

    static Simulator startResettable(Simulator.Options options) {
        Simulator sim = Simulator.start(options);
        CURRENT.set(sim);
        int port = sim.port();
        sim.onReset(() -> {
            sim.close();
            Simulator fresh = startResettable(options.withPort(port));
            System.out.println("reset: the scenario's fleet again on " + fresh.endpoint());
        });
        return sim;
    }

    public static void main(String[] args) throws InterruptedException {
        Simulator sim;
        try {
            sim = start(args);
        } catch (IllegalArgumentException e) { // bad arguments or a scenario that is no scenario: one line, no trace
            System.err.println("error: " + e.getMessage());
            System.exit(64); // EX_USAGE (sysexits), as the console's own commands
            return;
        } catch (RuntimeException e) { // e.g. the port is taken
            System.err.println("error: cannot start the simulator: " + e.getMessage());
            System.exit(69); // EX_UNAVAILABLE
            return;
        }
        if (sim == null) return; // --help
        Runtime.getRuntime().addShutdownHook(new Thread(() -> CURRENT.get().close()));
        System.out.println("Drainboard simulator on " + sim.endpoint() + " scenario=" + sim.scenario().name()
                + " regions=" + sim.fleets().stream().map(f -> f.account() + "/" + f.region()).toList()
                + " LiveKit key=" + sim.liveKitApiKey()
                + " secret=" + sim.liveKitApiSecret());
        System.out.println("workers: " + sim.workerUrlTemplate() + "/worker   admin: " + sim.endpoint()
                + "/admin/ground-truth   ECS throttling " + (sim.throttling().enabled() ? "on" : "off"));
        System.out.println("try: AWS_ACCESS_KEY_ID=x AWS_SECRET_ACCESS_KEY=x aws ecs list-clusters --region "
                + sim.region() + " --endpoint-url " + sim.endpoint());
        Thread.currentThread().join();
    }

    /** Parses the arguments and starts the simulator; null after --help. */
    static Simulator start(String[] args) {
        String scenario = "demo";
        int port = 4566;
        double speed = 1.0;
        boolean throttling = true;
        boolean autoscaling = true;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--port" -> port = (int) number(args, ++i, "--port", 0, 65535);
                case "--scenario" -> scenario = value(args, ++i, "--scenario");
                case "--speed" -> speed = number(args, ++i, "--speed", 0.001, 10_000);
                case "--no-throttling" -> throttling = false;
                case "--no-autoscaling" -> autoscaling = false;
                case "--help", "-h" -> {
                    System.out.println(USAGE);
                    return null;
                }
                default -> throw new IllegalArgumentException("unknown argument '" + args[i] + "'; " + USAGE);
            }
        }
        return startResettable(new Simulator.Options(scenario, port, false, speed, throttling, autoscaling));
    }

    private static String value(String[] args, int i, String flag) {
        if (i >= args.length) throw new IllegalArgumentException(flag + " needs a value; " + USAGE);
        return args[i];
    }

    private static double number(String[] args, int i, String flag, double min, double max) {
        String v = value(args, i, flag);
        double d;
        try {
            d = Double.parseDouble(v);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(flag + " wants a number, got '" + v + "'");
        }
        if (!(d >= min && d <= max)) throw new IllegalArgumentException(flag + " must be from " + min + " to " + max);
        return d;
    }
}

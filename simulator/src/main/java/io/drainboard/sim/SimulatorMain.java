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
        String scenario = "demo";
        int port = 4566;
        double speed = 1.0;
        boolean throttling = true;
        boolean autoscaling = true;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--port" -> port = Integer.parseInt(args[++i]);
                case "--scenario" -> scenario = args[++i];
                case "--speed" -> speed = Double.parseDouble(args[++i]);
                case "--no-throttling" -> throttling = false;
                case "--no-autoscaling" -> autoscaling = false;
                case "--help", "-h" -> {
                    System.out.println("usage: SimulatorMain [--port 4566] [--scenario demo|FILE.yaml] [--speed 1.0]"
                            + " [--no-throttling] [--no-autoscaling]");
                    return;
                }
                default -> {
                    System.err.println("unknown argument " + args[i] + "; try --help");
                    System.exit(2);
                }
            }
        }
        Simulator.Options options = new Simulator.Options(scenario, port, false, speed, throttling, autoscaling);
        Simulator sim = startResettable(options);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> CURRENT.get().close()));
        System.out.println("Drainboard simulator on " + sim.endpoint() + " scenario=" + scenario
                + " region=" + sim.region() + " LiveKit key=" + sim.liveKitApiKey()
                + " secret=" + sim.liveKitApiSecret());
        System.out.println("workers: " + sim.workerUrlTemplate() + "/worker   admin: " + sim.endpoint()
                + "/admin/ground-truth   ECS throttling " + (throttling ? "on" : "off"));
        System.out.println("try: AWS_ACCESS_KEY_ID=x AWS_SECRET_ACCESS_KEY=x aws ecs list-clusters --region "
                + sim.region() + " --endpoint-url " + sim.endpoint());
        Thread.currentThread().join();
    }
}

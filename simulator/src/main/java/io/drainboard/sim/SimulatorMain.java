package io.drainboard.sim;

/**
 * Standalone simulator: {@code java -cp … io.drainboard.sim.SimulatorMain --port 4566 --scenario demo}.
 * Point any AWS client at it with {@code --endpoint-url http://127.0.0.1:PORT} and dummy credentials.
 */
public final class SimulatorMain {
    private SimulatorMain() {
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
        Simulator sim = Simulator.start(new Simulator.Options(scenario, port, false, speed, throttling, autoscaling));
        Runtime.getRuntime().addShutdownHook(new Thread(sim::close));
        System.out.println("Drainboard simulator on " + sim.endpoint() + " scenario=" + scenario
                + " regions=" + sim.fleets().stream().map(f -> f.account() + "/" + f.region()).toList()
                + " LiveKit key=" + sim.liveKitApiKey()
                + " secret=" + sim.liveKitApiSecret());
        System.out.println("workers: " + sim.workerUrlTemplate() + "/worker   admin: " + sim.endpoint()
                + "/admin/ground-truth   ECS throttling " + (throttling ? "on" : "off"));
        System.out.println("try: AWS_ACCESS_KEY_ID=x AWS_SECRET_ACCESS_KEY=x aws ecs list-clusters --region "
                + sim.region() + " --endpoint-url " + sim.endpoint());
        Thread.currentThread().join();
    }
}

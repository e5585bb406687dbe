package io.drainboard.fleet;

import io.drainboard.aws.EcsGateway;
import io.drainboard.aws.EcsReads;
import software.amazon.awssdk.services.ecs.model.Cluster;
import software.amazon.awssdk.services.ecs.model.Failure;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Which clusters a region has: the profile's named clusters through DescribeClusters (up to 100 a call,
 * and it says which names do not exist), or every cluster through ListClusters pages.
 */
final class ClusterDiscovery {
    /** A cluster to read, and names the profile asked for that the region does not have. */
    record Found(List<Ref> clusters, List<String> missing) {
    }

    record Ref(String name, String arn) {
    }

    private ClusterDiscovery() {
    }

    static CompletableFuture<Found> find(EcsReads ecs, List<String> wanted) {
        if (wanted.isEmpty()) {
            List<Ref> out = Collections.synchronizedList(new ArrayList<>());
            return listAll(ecs, null, out).thenApply(v -> new Found(sorted(out), List.of()));
        }
        List<CompletableFuture<Found>> batches = new ArrayList<>();
        for (List<String> batch : EcsGateway.batches(wanted, EcsGateway.DESCRIBE_CLUSTERS_BATCH)) {
            batches.add(ecs.describeClusters(batch).thenApply(r -> {
                List<Ref> refs = new ArrayList<>();
                for (Cluster c : r.clusters()) {
                    if ("INACTIVE".equals(c.status())) continue; // deleted clusters stay describable for a while
                    refs.add(new Ref(c.clusterName(), c.clusterArn()));
                }
                List<String> missing = new ArrayList<>();
                for (Failure f : r.failures()) missing.add(nameOf(f.arn()));
                return new Found(refs, missing);
            }));
        }
        return CompletableFuture.allOf(batches.toArray(CompletableFuture[]::new)).thenApply(v -> {
            List<Ref> refs = new ArrayList<>();
            List<String> missing = new ArrayList<>();
            for (CompletableFuture<Found> f : batches) {
                refs.addAll(f.join().clusters());
                missing.addAll(f.join().missing());
            }
            return new Found(sorted(refs), missing);
        });
    }

    private static CompletableFuture<Void> listAll(EcsReads ecs, String token, List<Ref> out) {
        return ecs.listClusters(token).thenCompose(p -> {
            for (String arn : p.arns()) out.add(new Ref(nameOf(arn), arn));
            return p.nextToken().map(t -> listAll(ecs, t, out)).orElse(CompletableFuture.completedFuture(null));
        });
    }

    private static List<Ref> sorted(List<Ref> refs) {
        synchronized (refs) {
            return refs.stream().sorted(java.util.Comparator.comparing(Ref::name)).toList();
        }
    }

    static String nameOf(String arnOrName) {
        return arnOrName == null ? "?" : arnOrName.substring(arnOrName.lastIndexOf('/') + 1);
    }
}

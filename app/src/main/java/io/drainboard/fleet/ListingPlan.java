package io.drainboard.fleet;

import io.drainboard.aws.EcsGateway;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * Whether a cluster's tasks desired RUNNING are listed per service rather than for the whole cluster. ListTasks
 * pages hold at most 100 ARNs and each page needs the last one's token, so a cluster of N tasks is a chain of
 * ceil(N/100) requests one after another, while its services' lists run side by side. Per service is chosen
 * only when, by the last refresh's counts, it costs no more pages than the cluster's list (services of 100
 * tasks: the same number) and its longest list is shorter than the cluster's, so the refresh gets shorter
 * without a single extra request. A service the last refresh did not see counts as one page.
 */
final class ListingPlan {
    private ListingPlan() {
    }

    static boolean perService(TaskMemory.Listing last, Collection<String> services) {
        if (services.isEmpty()) return false;
        long cluster = pages(last.total());
        long sum = 0, longest = 0;
        for (String s : services) {
            long p = pages(last.perService().getOrDefault(s, 0));
            sum += p;
            longest = Math.max(longest, p);
        }
        return sum <= cluster && longest < cluster;
    }

    /** ListTasks pages for n tasks: an empty list is still one request. */
    static long pages(long n) {
        return Math.max(1, (n + EcsGateway.PAGE - 1) / EcsGateway.PAGE);
    }

    /** Service names from ListServices' ARNs ({@code arn:aws:ecs:region:account:service/cluster/name}). */
    static List<String> names(List<String> serviceArns) {
        List<String> out = new ArrayList<>();
        for (String a : serviceArns) out.add(a.substring(a.lastIndexOf('/') + 1));
        return out;
    }
}

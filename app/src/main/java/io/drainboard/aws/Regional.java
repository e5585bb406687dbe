package io.drainboard.aws;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * A client of one kind (ECS, EC2 Auto Scaling, Application Auto Scaling) for every account and region the
 * console reaches, and the one rule for picking one: the region and account in the ARN of what a call touches
 * ({@code arn:aws:ecs:<region>:<account>:task/...}, AWS General Reference "Amazon Resource Names"). A call that
 * names no ARN goes to the only region there is, and is refused when there are several. Nothing ever falls back
 * to "the first region": a drain of an eu-west-1 task is sent to eu-west-1 or not at all.
 *
 * @param <C> the client type
 */
public final class Regional<C> {
    /**
     * One account in one region and its client. {@code account} is empty where the console does not know it
     * (whatever account the credentials reach): such an entry serves every account's ARNs in its region.
     */
    public record Entry<C>(String region, Optional<String> account, C client) {
    }

    /** The region and account an ARN names. */
    public record Place(String region, String account) {
        /** Empty for a string that is not an ARN with both (a name, an id, an old-style ARN without region). */
        public static Optional<Place> of(String arn) {
            if (arn == null || !arn.startsWith("arn:")) return Optional.empty();
            String[] p = arn.split(":", 6);
            if (p.length < 6 || p[3].isEmpty() || p[4].isEmpty()) return Optional.empty();
            return Optional.of(new Place(p[3], p[4]));
        }
    }

    private final List<Entry<C>> entries;

    private Regional(List<Entry<C>> entries) {
        if (entries.isEmpty()) throw new IllegalArgumentException("no region to send to");
        this.entries = List.copyOf(entries);
    }

    public static <C> Regional<C> of(List<Entry<C>> entries) {
        return new Regional<>(entries);
    }

    /** One region, account not known. */
    public static <C> Regional<C> single(String region, C client) {
        return new Regional<>(List.of(new Entry<>(region, Optional.empty(), client)));
    }

    /** One client, in the region it was built for (account not known). */
    public static <C extends software.amazon.awssdk.awscore.AwsClient> Regional<C> ofClient(C client) {
        return single(client.serviceClientConfiguration().region().id(), client);
    }

    /** The client for what this ARN names. */
    public C forArn(String arn) {
        Place place = Place.of(arn).orElseThrow(() -> new NoRegionException(arn + " is not an ARN with a region and"
                + " an account, so the console cannot tell where to send the call"));
        List<Entry<C>> match = new ArrayList<>();
        for (Entry<C> e : entries) {
            if (e.region().equals(place.region()) && e.account().map(place.account()::equals).orElse(true)) match.add(e);
        }
        if (match.size() == 1) return match.get(0).client();
        if (match.isEmpty()) {
            throw new NoRegionException(arn + " is in account " + place.account() + ", region " + place.region()
                    + ", which this profile does not reach (it reaches " + describe() + "); nothing was sent."
                    + " Add the region to the profile's regions to act on it.");
        }
        throw new NoRegionException("more than one of this profile's accounts is in region " + place.region()
                + " and none is known to be " + place.account() + "; nothing was sent");
    }

    /** The client for an ARN, or, for a name, the only region's (refused when there are several). */
    public C forArnOrOnly(String arnOrName) {
        return Place.of(arnOrName).isPresent() ? forArn(arnOrName) : only(arnOrName);
    }

    /** The client of the only region; refused when there are several, saying what named no region. */
    public C only(String what) {
        if (entries.size() == 1) return entries.get(0).client();
        throw new NoRegionException(what + " names no region and this profile reaches " + describe()
                + "; nothing was sent (the console needs the resource's ARN to pick the region)");
    }

    /** Just the account and region this ARN names, as a {@code Regional} of its own. */
    public Regional<C> at(String arn) {
        C c = forArn(arn);
        for (Entry<C> e : entries) {
            if (e.client() == c) return new Regional<>(List.of(e));
        }
        throw new IllegalStateException("unreachable");
    }

    /** The same places with another client each (e.g. a gateway over each client). */
    public <D> Regional<D> map(Function<C, D> f) {
        List<Entry<D>> out = new ArrayList<>();
        for (Entry<C> e : entries) out.add(new Entry<>(e.region(), e.account(), f.apply(e.client())));
        return new Regional<>(out);
    }

    public List<Entry<C>> entries() {
        return entries;
    }

    private String describe() {
        List<String> out = new ArrayList<>();
        for (Entry<C> e : entries) out.add(e.account().map(a -> a + "/").orElse("") + e.region());
        return String.join(", ", out);
    }
}

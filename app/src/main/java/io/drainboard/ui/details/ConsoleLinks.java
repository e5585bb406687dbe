package io.drainboard.ui.details;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * Links into the AWS Management Console's ECS pages (the "v2" console: /ecs/v2/clusters/{cluster}/…),
 * with the partition's console host: aws, aws-cn (console.amazonaws.cn), aws-us-gov
 * (console.amazonaws-us-gov.com). Pure logic.
 */
public final class ConsoleLinks {
    private ConsoleLinks() {
    }

    public static String task(String region, String cluster, String taskId) {
        return base(region) + "/ecs/v2/clusters/" + enc(cluster) + "/tasks/" + enc(taskId) + "/configuration?region=" + enc(region);
    }

    public static String service(String region, String cluster, String service) {
        return base(region) + "/ecs/v2/clusters/" + enc(cluster) + "/services/" + enc(service) + "/health?region=" + enc(region);
    }

    private static String base(String region) {
        if (region.startsWith("cn-")) return "https://console.amazonaws.cn";
        if (region.startsWith("us-gov-")) return "https://console.amazonaws-us-gov.com";
        return "https://" + region + ".console.aws.amazon.com";
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }
}

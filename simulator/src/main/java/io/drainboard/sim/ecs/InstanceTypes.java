package io.drainboard.sim.ecs;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * vCPUs and memory of an EC2 instance type, enough for registeredResources: the size gives the vCPUs
 * (large 2, xlarge 4, Nxlarge 4N), the family letter the GiB per vCPU (c 2, m 4, r 8, t 4; EC2 "Amazon
 * EC2 instance types" specifications). ECS registers CPU as 1024 units per vCPU and slightly less memory
 * than the instance has, the rest being kept by the OS ("Container instance memory management").
 */
final class InstanceTypes {
    private static final Pattern TYPE = Pattern.compile("([a-z]+)\\d*[a-z-]*\\.(nano|micro|small|medium|large|(\\d*)xlarge|metal)");

    record Size(int cpuUnits, int memoryMiB) {
    }

    private InstanceTypes() {
    }

    static Size of(String instanceType) {
        Matcher m = TYPE.matcher(instanceType == null ? "" : instanceType);
        if (!m.matches()) return new Size(2048, 3800);
        int vcpus = switch (m.group(2)) {
            case "nano", "micro", "small", "medium" -> m.group(1).startsWith("t") ? 2 : 1;
            case "large" -> 2;
            case "metal" -> 96;
            default -> 4 * (m.group(3).isEmpty() ? 1 : Integer.parseInt(m.group(3)));
        };
        int gibPerVcpu = switch (m.group(1).charAt(0)) {
            case 'c' -> 2;
            case 'r', 'x' -> 8;
            default -> 4;
        };
        int physicalMiB = vcpus * gibPerVcpu * 1024;
        if (m.group(1).startsWith("t") && !m.group(2).endsWith("large")) physicalMiB = switch (m.group(2)) {
            case "nano" -> 512;
            case "micro" -> 1024;
            case "small" -> 2048;
            default -> 4096;
        };
        return new Size(vcpus * 1024, (int) (physicalMiB * 0.93));
    }

    /** Graviton families (c7g, m6g, r8g…) are arm64. */
    static String architecture(String instanceType) {
        Matcher m = Pattern.compile("[a-z]+\\d+([a-z-]*)\\..*").matcher(instanceType == null ? "" : instanceType);
        return m.matches() && m.group(1).contains("g") ? "arm64" : "x86_64";
    }
}

package io.drainboard.sim.ecs;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.List;

/**
 * A container instance's registeredResources / remainingResources (ECS API Reference "Resource"):
 * CPU units and MEMORY MiB as INTEGER, and the ports the agent reserves by default (22, 2375, 2376,
 * 51678, 51679; "Amazon ECS container agent configuration", ECS_RESERVED_PORTS) as STRINGSET.
 */
final class InstanceResources {
    private InstanceResources() {
    }

    static int units(String value) {
        try {
            return value == null ? 0 : Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            return 0; // "1 vCPU" / "2 GB" forms are not used by the scenarios
        }
    }

    static ArrayNode json(int cpu, int memory) {
        ArrayNode a = Json.array();
        a.add(integer("CPU", cpu));
        a.add(integer("MEMORY", memory));
        ObjectNode ports = a.addObject();
        ports.put("name", "PORTS");
        ports.put("type", "STRINGSET");
        ports.set("stringSetValue", Json.strings(List.of("22", "2375", "2376", "51678", "51679")));
        ObjectNode udp = a.addObject();
        udp.put("name", "PORTS_UDP");
        udp.put("type", "STRINGSET");
        udp.putArray("stringSetValue");
        return a;
    }

    private static ObjectNode integer(String name, int value) {
        ObjectNode r = Json.object();
        r.put("name", name);
        r.put("type", "INTEGER");
        r.put("doubleValue", 0.0);
        r.put("longValue", 0);
        r.put("integerValue", value);
        return r;
    }
}

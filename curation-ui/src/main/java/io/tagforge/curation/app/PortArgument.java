package io.tagforge.curation.app;

import java.util.ArrayList;
import java.util.List;

/** {@code ./tagforge ui --port 9090} reads better than Spring's {@code --server.port=9090}; both work. */
final class PortArgument {

    private PortArgument() {
    }

    static String[] toSpring(String[] args) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--port")) {
                if (i + 1 >= args.length || !args[i + 1].matches("\\d{1,5}")) {
                    throw new IllegalArgumentException("--port needs a number, e.g. --port 8080");
                }
                out.add("--server.port=" + args[++i]);
            } else if (args[i].startsWith("--port=")) {
                out.add("--server.port=" + args[i].substring("--port=".length()));
            } else {
                out.add(args[i]);
            }
        }
        return out.toArray(String[]::new);
    }
}

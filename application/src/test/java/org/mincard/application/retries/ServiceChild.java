package org.mincard.application.retries;

import org.mincard.application.MincardApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;

/** The service process that {@link KillNineRetryIT} kills with SIGKILL and starts again: the plain application. */
public final class ServiceChild {

    private ServiceChild() {
    }

    public static void main(String[] args) {
        new SpringApplicationBuilder(MincardApplication.class).run(args);
        System.out.println("SERVICE-CHILD-STARTED");
    }
}

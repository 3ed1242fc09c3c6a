/**
 * The console (docs/console.md): server-rendered screens for clerks, supervisors, records officers and auditors,
 * over the same commands, queries and access gate as the API. Depends on the features, none depends on it.
 */
@ApplicationModule(displayName = "console",
        allowedDependencies = {"card", "casefile", "directory", "oversight", "oversight::accesslog",
                "oversight::register", "oversight::report", "retention", "retention::compliance",
                "retention::holds", "retention::manifest", "retention::policy", "retention::sweep", "retries",
                "security", "vault", "web", "workqueue"})
package org.mincard.application.console;

import org.springframework.modulith.ApplicationModule;

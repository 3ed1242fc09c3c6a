package org.mincard.application.console;

import org.mincard.application.directory.SiteDirectory;
import org.mincard.application.directory.StaffDirectory;
import org.mincard.application.security.CurrentActor;
import org.mincard.domain.shared.Actor;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

import java.util.List;
import java.util.Optional;

/** What every console page shows in its header: who is signed in (a display name, never the id alone) and where. */
@ControllerAdvice(basePackageClasses = ConsoleModel.class)
class ConsoleModel {

    private final CurrentActor currentActor;
    private final StaffDirectory staff;
    private final SiteDirectory sites;

    ConsoleModel(CurrentActor currentActor, StaffDirectory staff, SiteDirectory sites) {
        this.currentActor = currentActor;
        this.staff = staff;
        this.sites = sites;
    }

    /** The signed-in person as the header shows them. */
    record Me(String displayName, String role, List<String> siteNames) {

        boolean isClerk() {
            return "CLERK".equals(role);
        }
    }

    @ModelAttribute("me")
    Me me() {
        Optional<Actor> actor = currentActor.find();
        return actor.map(found -> new Me(staff.displayName(found.userId()), found.role().name(),
                found.allSites() ? List.of("All sites")
                        : found.siteIds().stream().map(sites::name).sorted().toList())).orElse(null);
    }

    @ModelAttribute("view")
    Views views() {
        return new Views(staff, sites);
    }
}

package org.mincard.application.console;

import jakarta.servlet.http.HttpServletResponse;
import org.mincard.application.security.CurrentActor;
import org.mincard.domain.shared.Actor;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;

import java.util.ArrayList;
import java.util.List;

/** The way in: the root, sign-in, the landing screen per role, and the page for a screen one's role may not use. */
@Controller
class ConsoleController {

    private final CurrentActor currentActor;
    private final ObjectProvider<ClientRegistrationRepository> registrations;
    private final boolean demoUsers;

    ConsoleController(CurrentActor currentActor, ObjectProvider<ClientRegistrationRepository> registrations,
                      @Value("${mincard.security.mode:demo}") String mode) {
        this.currentActor = currentActor;
        this.registrations = registrations;
        this.demoUsers = "demo".equalsIgnoreCase(mode);
    }

    /** One provider the console can sign in with. */
    record Provider(String id, String name) {
    }

    @GetMapping("/")
    String root() {
        return "redirect:/console";
    }

    @GetMapping("/console")
    String home() {
        Actor actor = currentActor.get();
        return switch (actor.role()) {
            case CLERK -> "redirect:/console/my-work";
            case SUPERVISOR -> "redirect:/console/dashboard";
            case RECORDS_OFFICER -> "redirect:/console/records";
            case AUDITOR -> "redirect:/console/audit";
            case ADMIN, SYSTEM -> "redirect:/console/denied";
        };
    }

    @GetMapping("/console/login")
    String login(Model model, @RequestParam(required = false) String error, @RequestParam(required = false) String locked,
                 @RequestParam(required = false) String logout) {
        List<Provider> providers = new ArrayList<>();
        if (registrations.getIfAvailable() instanceof Iterable<?> clients) {
            for (Object client : clients) {
                ClientRegistration registration = (ClientRegistration) client;
                providers.add(new Provider(registration.getRegistrationId(), registration.getClientName()));
            }
        }
        model.addAttribute("providers", providers);
        model.addAttribute("demoUsers", demoUsers);
        model.addAttribute("error", error != null);
        model.addAttribute("locked", locked != null);
        model.addAttribute("loggedOut", logout != null);
        return "console/login";
    }

    @RequestMapping("/console/denied")
    String denied(HttpServletResponse response) {
        response.setStatus(HttpServletResponse.SC_FORBIDDEN);
        return "console/denied";
    }
}

package org.mincard.application.console;

import jakarta.servlet.http.HttpServletResponse;
import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.modelling.command.ConflictingAggregateVersionException;
import org.axonframework.queryhandling.QueryGateway;
import org.mincard.application.casefile.CaseActions;
import org.mincard.application.casefile.CaseLookup;
import org.mincard.application.casefile.CasePersonalData;
import org.mincard.application.casefile.DocumentCatalogue;
import org.mincard.application.retries.FormRetries;
import org.mincard.application.security.CurrentActor;
import org.mincard.application.vault.AccessPurpose;
import org.mincard.application.web.ProblemException;
import org.mincard.domain.casefile.CaseState;
import org.mincard.domain.casefile.DenialReason;
import org.mincard.domain.casefile.DocumentType;
import org.mincard.domain.casefile.EscalationReason;
import org.mincard.domain.casefile.PointsRule;
import org.mincard.domain.casefile.PointsTally;
import org.mincard.domain.shared.Actor;
import org.mincard.domain.shared.DomainRejection;
import org.mincard.domain.shared.NotVisible;
import org.mincard.domain.shared.Role;
import org.mincard.projections.caseview.CaseView;
import org.mincard.projections.caseview.GetCase;
import org.mincard.projections.caseview.SealedField.CaseField;
import org.mincard.projections.workqueue.WorkQueue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import java.lang.reflect.RecordComponent;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;

/**
 * One case: its state and timeline (who, when), the actions its state and the signed-in role allow, the document
 * review with its points tally, and personal fields revealed one at a time for a stated purpose through the access
 * gate (each field shown is an access record, as in the API). Every action is the API's command, sent the same way.
 */
@Controller
class CasePageController {

    /** How long the case page waits for the read model to show the clerk's own action before it shows what it has. */
    static final Duration OWN_ACTION_WAIT = Duration.ofSeconds(3);
    private static final Logger LOG = LoggerFactory.getLogger(CasePageController.class);

    private final CaseActions caseActions;
    private final QueryGateway queries;
    private final CaseLookup caseLookup;
    private final CasePersonalData personalData;
    private final DocumentCatalogue documents;
    private final PointsRule pointsRule;
    private final CurrentActor currentActor;
    private final FormRetries forms;

    CasePageController(CaseActions caseActions, QueryGateway queries, CaseLookup caseLookup,
                       CasePersonalData personalData, DocumentCatalogue documents, PointsRule pointsRule,
                       CurrentActor currentActor, FormRetries forms) {
        this.caseActions = caseActions;
        this.queries = queries;
        this.caseLookup = caseLookup;
        this.personalData = personalData;
        this.documents = documents;
        this.pointsRule = pointsRule;
        this.currentActor = currentActor;
        this.forms = forms;
    }

    /** An action button: the path it posts to and its label; {@code form} names the extra fields it needs. */
    record Action(String path, String label, String form) {
    }

    /** One part of a revealed field (a legal name, a date of birth...). */
    record Part(String label, String value) {
    }

    /** The parts of a revealed value, for display only; a purged field says so. */
    static List<Part> parts(Object value) {
        if (value == null) {
            return List.of();
        }
        if (!value.getClass().isRecord()) {
            return List.of(new Part("Value", String.valueOf(value)));
        }
        List<Part> parts = new ArrayList<>();
        for (RecordComponent component : value.getClass().getRecordComponents()) {
            try {
                Object part = component.getAccessor().invoke(value);
                if (part != null) {
                    parts.add(new Part(words(component.getName()), String.valueOf(part)));
                }
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException("cannot read a component of " + value.getClass().getSimpleName(), e);
            }
        }
        return parts;
    }

    private static String words(String camelCase) {
        String spaced = camelCase.replaceAll("([a-z])([A-Z])", "$1 $2").toLowerCase(Locale.ROOT);
        return Character.toUpperCase(spaced.charAt(0)) + spaced.substring(1);
    }

    /** The points of the ticked documents, against the rule. */
    record Tally(int identity, int residency, int total, boolean photo, boolean dateOfBirth, boolean met) {
    }

    @GetMapping("/console/cases/{caseId}")
    String page(@PathVariable UUID caseId, Model model, HttpServletResponse response,
                @RequestParam(required = false) CaseState expect, @RequestParam(required = false) Long version) {
        Actor actor = currentActor.get();
        Optional<CaseView> found = load(actor, caseId, expect, version);
        if (found.isEmpty()) {
            response.setStatus(HttpServletResponse.SC_NOT_FOUND);
            return "console/not-found";
        }
        CaseView view = found.get();
        model.addAttribute("case", view);
        model.addAttribute("queue", WorkQueue.of(view.state()).map(WorkQueue::path).orElse(null));
        model.addAttribute("history", view.history().stream()
                .sorted(Comparator.comparingLong(CaseView.HistoryEntry::sequence).reversed()).toList());
        model.addAttribute("actions", actor.role() == Role.RECORDS_OFFICER ? List.of() : actions(view, actor));
        model.addAttribute("documentTypes", documents.codes().stream().map(code -> documents.find(code).orElseThrow())
                .sorted(Comparator.comparing(DocumentType::category).thenComparing(DocumentType::code)).toList());
        model.addAttribute("tally", tally(List.of()));
        model.addAttribute("rule", pointsRule);
        model.addAttribute("denialReasons", DenialReason.values());
        model.addAttribute("escalationReasons", EscalationReason.values());
        model.addAttribute("purposes", purposes(actor));
        model.addAttribute("fields", CaseField.values());
        // The client contract (ADR 0018): each form carries the version this screen shows and a key of its own, so an
        // action on a stale screen is refused and a double submit acts once.
        model.addAttribute("version", shownVersion(view));
        model.addAttribute("formKey", UUID.randomUUID().toString());
        return "console/case";
    }

    /** The points tally as the clerk ticks document types (an htmx fragment; nothing is recorded). */
    @PostMapping("/console/cases/{caseId}/tally")
    String tally(@PathVariable UUID caseId, @RequestParam(name = "documents", required = false) List<String> codes,
                 Model model) {
        model.addAttribute("tally", tally(codes == null ? List.of() : codes));
        model.addAttribute("rule", pointsRule);
        return "console/case :: tally";
    }

    @PostMapping("/console/cases/{caseId}/reveal")
    String reveal(@PathVariable UUID caseId, @RequestParam CaseField field, @RequestParam AccessPurpose purpose,
                  Model model, HttpServletResponse response) {
        Actor actor = currentActor.get();
        Map<CaseField, Object> shown;
        try {
            shown = personalData.read(actor, caseId, purpose, null, Set.of(field));
        } catch (NotVisible | ProblemException refused) {
            model.addAttribute("revealError", refused instanceof NotVisible ? "This case is not visible to you."
                    : "You may not read this field for that purpose. The refusal was logged.");
            shown = Map.of();
        }
        model.addAttribute("revealedField", field);
        model.addAttribute("revealedPurpose", purpose);
        model.addAttribute("revealed", parts(shown.get(field)));
        model.addAttribute("revealedNothing", !shown.containsKey(field));
        return page(caseId, model, response, null, null);
    }

    @PostMapping("/console/cases/{caseId}/review")
    String review(@PathVariable UUID caseId, @RequestParam(name = "documents", required = false) List<String> codes,
                  @RequestParam(required = false) String clerkNotes, @RequestParam(required = false) String formKey,
                  @RequestParam(required = false) Long version, RedirectAttributes redirect) {
        List<DocumentType> types = types(codes == null ? List.of() : codes);
        if (types.isEmpty()) {
            redirect.addFlashAttribute("problem", "Tick at least one document type.");
            return "redirect:/console/cases/" + caseId;
        }
        String form = "review " + types.stream().map(DocumentType::code).sorted().toList() + " " + clerkNotes;
        return act(caseId, new Form(formKey, form, version), redirect, view -> caseActions.review(caseId,
                currentActor.get(), types, null, clerkNotes == null || clerkNotes.isBlank() ? null
                        : clerkNotes.strip()));
    }

    @PostMapping("/console/cases/{caseId}/{action}")
    String act(@PathVariable UUID caseId, @PathVariable String action,
               @RequestParam(required = false) DenialReason denialReason,
               @RequestParam(required = false) EscalationReason escalationReason,
               @RequestParam(required = false) Boolean granted,
               @RequestParam(required = false) String back,
               @RequestParam(required = false) String formKey,
               @RequestParam(required = false) Long version,
               RedirectAttributes redirect) {
        Actor actor = currentActor.get();
        Form form = new Form(formKey, action + " " + denialReason + " " + escalationReason + " " + granted, version);
        String target = act(caseId, form, redirect, view -> switch (action) {
            case "claim" -> {
                caseActions.claim(caseId);
                yield stateAfterAssignment(actor, caseId);
            }
            case "release" -> {
                caseActions.release(caseId);
                yield stateAfterAssignment(actor, caseId);
            }
            case "check-in" -> caseActions.checkIn(caseId);
            case "approve" -> caseActions.approve(caseId);
            case "deny" -> caseActions.deny(caseId, required(denialReason));
            case "escalate" -> caseActions.escalate(caseId, required(escalationReason));
            case "return-from-escalation" -> caseActions.returnFromEscalation(caseId);
            case "appeal" -> caseActions.appeal(caseId);
            case "decide-appeal" -> caseActions.decideAppeal(caseId, required(granted));
            case "produce-card" -> caseActions.produceCard(caseId, actor);
            case "hand-over" -> caseActions.handOver(caseId);
            case "mail" -> caseActions.mail(caseId, actor, null);
            case "confirm-delivery" -> caseActions.confirmDelivery(caseId);
            case "mark-returned" -> caseActions.markReturned(caseId);
            case "withdraw" -> caseActions.withdraw(caseId);
            case "mark-no-show" -> caseActions.markNoShow(caseId);
            case "abandon" -> caseActions.abandon(caseId);
            default -> throw ProblemException.notFound("Action");
        });
        return "my-work".equals(back) && !redirect.getFlashAttributes().containsKey("problem")
                ? "redirect:/console/my-work" : target;
    }

    /** A posted form's key, what it asks for (action and choices, only ever hashed) and the case version it showed. */
    private record Form(String key, String content, Long version) {
    }

    /**
     * Sends one action and goes back to the case page, which waits until it shows the action's outcome. The action is
     * built from the command-side case lookup, never the case view (ADR 0019): a case the clerk just moved may not be
     * in the view yet. The form's key and version make it safe to post twice and refuse it on a stale screen
     * ({@link FormRetries}).
     */
    private String act(UUID caseId, Form form, RedirectAttributes redirect,
                       Function<CaseLookup.CaseFacts, CaseState> action) {
        Actor actor = currentActor.get();
        Optional<CaseLookup.CaseFacts> facts = caseLookup.find(caseId).filter(found -> actor.canSee(found.siteId()));
        if (facts.isEmpty()) {
            return "redirect:/console/cases/" + caseId;
        }
        try {
            FormRetries.Done done = forms.once(actor, form.key(), form.content(), caseId, form.version(),
                    () -> action.apply(facts.get()).name());
            CaseState state = CaseState.valueOf(done.answer());
            redirect.addAttribute("expect", state);
            done.version().ifPresent(version -> redirect.addAttribute("version", version));
            redirect.addFlashAttribute("done", (done.replayed() ? "Already done (this form was sent before, and acted "
                    + "once): " : "Done: ") + "the case is now " + state.name().replace('_', ' ').toLowerCase() + ".");
        } catch (RuntimeException refused) {
            if (!(refused instanceof CommandExecutionException || refused instanceof DomainRejection
                    || refused instanceof NotVisible || refused instanceof ProblemException
                    || refused instanceof MissingChoice || refused instanceof FormRetries.Refused
                    || refused instanceof ConflictingAggregateVersionException)) {
                // The class only: a message could carry a value.
                LOG.warn("console action {} on a case failed: {}", caseId, refused.getClass().getName());
            }
            redirect.addFlashAttribute("problem", ConsoleProblems.describe(refused));
        }
        return "redirect:/console/cases/" + caseId;
    }

    /** Claim and release leave the case's state as it was: the state the case page shows. */
    private CaseState stateAfterAssignment(Actor actor, UUID caseId) {
        return load(actor, caseId, null, null).map(CaseView::state).orElseThrow(() -> new NotVisible("Case " + caseId));
    }

    /**
     * The case as the read model has it; after the clerk's own action, waits (bounded) until the read model has
     * caught up with it, so a successful action is never followed by "does not exist" or the old state.
     */
    private Optional<CaseView> load(Actor actor, UUID caseId, CaseState expect, Long version) {
        Instant deadline = Instant.now().plus(OWN_ACTION_WAIT);
        while (true) {
            Optional<CaseView> view = queries.query(new GetCase(caseId), ResponseTypes.optionalInstanceOf(CaseView.class))
                    .join().filter(found -> actor.canSee(found.siteId()));
            boolean caughtUp = (expect == null || view.isPresent() && view.get().state() == expect)
                    && (version == null || view.isPresent() && shownVersion(view.get()) >= version);
            if (caughtUp || Instant.now().isAfter(deadline)) {
                return view;
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return view;
            }
        }
    }

    /** The case version the view shows: the sequence number of the last event in its history. */
    private static long shownVersion(CaseView view) {
        return view.history().stream().mapToLong(CaseView.HistoryEntry::sequence).max().orElse(0);
    }

    private List<Action> actions(CaseView view, Actor actor) {
        boolean supervisor = actor.role() == Role.SUPERVISOR;
        List<Action> actions = new ArrayList<>();
        switch (view.state()) {
            case SUBMITTED -> {
                actions.add(new Action("check-in", "Check in", null));
                actions.add(new Action("mark-no-show", "Record no-show", null));
                actions.add(new Action("withdraw", "Withdraw", null));
            }
            case CHECKED_IN -> {
                actions.add(new Action("review", "Record document review", "review"));
                actions.add(new Action("withdraw", "Withdraw", null));
            }
            case UNDER_REVIEW -> {
                actions.add(new Action("approve", "Approve", null));
                actions.add(new Action("deny", "Deny", "deny"));
                actions.add(new Action("escalate", "Escalate to a supervisor", "escalate"));
                actions.add(new Action("review", "Record document review again", "review"));
                actions.add(new Action("withdraw", "Withdraw", null));
            }
            case SUPERVISOR_REVIEW -> {
                if (supervisor) {
                    actions.add(new Action("approve", "Approve", null));
                    actions.add(new Action("deny", "Deny", "deny"));
                    actions.add(new Action("return-from-escalation", "Return to review", null));
                }
            }
            case DENIED -> actions.add(new Action("appeal", "Record appeal", null));
            case APPEALED -> {
                if (supervisor) {
                    actions.add(new Action("decide-appeal", "Decide appeal", "appeal"));
                }
            }
            case APPROVED -> actions.add(new Action("produce-card", "Produce card", null));
            case CARD_PRODUCED -> {
                actions.add(new Action("hand-over", "Hand over the card", null));
                actions.add(new Action("mail", "Mail the card", null));
                actions.add(new Action("abandon", "Close as abandoned", null));
            }
            case MAILED -> {
                actions.add(new Action("confirm-delivery", "Confirm delivery", null));
                actions.add(new Action("mark-returned", "Record returned mail", null));
            }
            case RETURNED -> {
                actions.add(new Action("hand-over", "Hand over at pickup", null));
                actions.add(new Action("abandon", "Close as abandoned", null));
            }
            default -> {
            }
        }
        return actions;
    }

    private Set<AccessPurpose> purposes(Actor actor) {
        return switch (actor.role()) {
            case CLERK -> EnumSet.of(AccessPurpose.CASE_WORK, AccessPurpose.HOLDER_REQUEST);
            case SUPERVISOR -> EnumSet.of(AccessPurpose.CASE_WORK, AccessPurpose.SUPERVISOR_REVIEW);
            default -> EnumSet.noneOf(AccessPurpose.class);
        };
    }

    private List<DocumentType> types(List<String> codes) {
        return codes.stream().distinct().map(documents::find).flatMap(Optional::stream).toList();
    }

    private Tally tally(List<String> codes) {
        List<DocumentType> types = types(codes);
        PointsTally tally = PointsTally.of(types);
        return new Tally(tally.identityPoints(), tally.residencyPoints(), tally.total(), tally.photoPresented(),
                tally.dateOfBirthPresented(), pointsRule.isMetBy(tally));
    }

    private static <T> T required(T value) {
        if (value == null) {
            throw new MissingChoice();
        }
        return value;
    }

    /** A form sent without the choice it needs (a reason, a decision). */
    static final class MissingChoice extends RuntimeException {

        MissingChoice() {
            super("a choice is missing", null, false, false);
        }
    }
}

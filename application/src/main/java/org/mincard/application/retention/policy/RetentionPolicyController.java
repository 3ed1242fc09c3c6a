package org.mincard.application.retention.policy;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.mincard.domain.retention.RetentionPolicy;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;

/** The active retention profile, its version and rules: no personal data. */
@RestController
@Tag(name = "Retention")
public class RetentionPolicyController {

    private final RetentionPolicy policy;

    RetentionPolicyController(RetentionPolicy policy) {
        this.policy = policy;
    }

    public record RuleView(String id, String dataClass, String trigger, String delay, String authority) {
    }

    public record PolicyView(String profile, String version, String description, List<RuleView> rules) {
    }

    @GetMapping("/api/v1/retention/policy")
    @Operation(summary = "The active retention profile, its version and its rules")
    public PolicyView policy() {
        return new PolicyView(policy.profile(), policy.version(), policy.description(), policy.rules().stream()
                .map(rule -> new RuleView(rule.id(), rule.dataClass().name(), rule.trigger().name(),
                        rule.delay().toString(), rule.authority())).toList());
    }
}

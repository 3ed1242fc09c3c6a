package org.mincard.domain.retention;

import org.mincard.domain.personaldata.DataClass;

import java.time.Period;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The active retention profile, validated: at most one rule per (data class, trigger). Every profile configured is
 * validated, the inactive ones too, so that switching profiles cannot reveal a broken one later.
 */
public final class RetentionPolicy {

    private final String profile;
    private final String version;
    private final String description;
    private final List<RetentionRule> rules;
    private final Map<DataClass, Map<RetentionTrigger, RetentionRule>> byClass = new EnumMap<>(DataClass.class);

    private RetentionPolicy(String profile, String version, String description, List<RetentionRule> rules) {
        this.profile = profile;
        this.version = version;
        this.description = description;
        this.rules = List.copyOf(rules);
        for (RetentionRule rule : rules) {
            byClass.computeIfAbsent(rule.dataClass(), c -> new EnumMap<>(RetentionTrigger.class))
                    .put(rule.trigger(), rule);
        }
    }

    /** A named, versioned list of rules as configured: classes, triggers and delays as text, validated by {@link #from}. */
    public record ConfiguredProfile(String version, String description, List<ConfiguredRule> rules) {
        public ConfiguredProfile {
            rules = rules == null ? List.of() : List.copyOf(rules);
        }
    }

    /** One rule as configured. */
    public record ConfiguredRule(String id, String dataClass, String trigger, String delay, String authority) {
    }

    /** Validates every profile and answers the active one; throws {@link RetentionPolicyInvalid} naming the rule. */
    public static RetentionPolicy from(String active, Map<String, ConfiguredProfile> profiles) {
        if (profiles.isEmpty()) {
            throw new RetentionPolicyInvalid("No retention profile is configured (mincard.retention.profiles)");
        }
        Map<String, RetentionPolicy> all = new TreeMap<>();
        profiles.forEach((name, profile) -> all.put(name, validate(name, profile)));
        if (active == null || active.isBlank() || !all.containsKey(active)) {
            throw new RetentionPolicyInvalid("Retention profile '" + active + "' (mincard.retention.profile) is not "
                    + "one of the configured profiles " + all.keySet());
        }
        return all.get(active);
    }

    /** A policy from rules already validated elsewhere (tests, benchmark). */
    public static RetentionPolicy of(String profile, String version, List<RetentionRule> rules) {
        return new RetentionPolicy(profile, version, "", rules);
    }

    private static RetentionPolicy validate(String name, ConfiguredProfile profile) {
        String where = "Retention profile '" + name + "'";
        if (profile.version() == null || profile.version().isBlank()) {
            throw new RetentionPolicyInvalid(where + " has no version");
        }
        if (profile.rules().isEmpty()) {
            throw new RetentionPolicyInvalid(where + " has no rules");
        }
        List<RetentionRule> rules = new ArrayList<>();
        Map<String, RetentionRule> ids = new HashMap<>();
        Map<String, RetentionRule> slots = new HashMap<>();
        int index = 0;
        for (ConfiguredRule configured : profile.rules()) {
            String ruleName = configured.id() == null || configured.id().isBlank()
                    ? "#" + index : "'" + configured.id() + "'";
            String at = where + ", rule " + ruleName;
            index++;
            if (configured.id() == null || configured.id().isBlank()) {
                throw new RetentionPolicyInvalid(at + " has no id");
            }
            if (!configured.id().matches("[A-Za-z0-9._-]{1,128}")) {
                throw new RetentionPolicyInvalid(at + ": the id may use only letters, digits, '.', '_' and '-' "
                        + "(at most 128)");
            }
            if (configured.authority() == null || configured.authority().isBlank()) {
                throw new RetentionPolicyInvalid(at + " names no disposal authority");
            }
            DataClass dataClass = parse(DataClass.class, configured.dataClass(), at, "data class");
            RetentionTrigger trigger = parse(RetentionTrigger.class, configured.trigger(), at, "trigger");
            Period delay;
            try {
                delay = Period.parse(configured.delay() == null ? "" : configured.delay());
            } catch (DateTimeParseException e) {
                throw new RetentionPolicyInvalid(at + ": the delay must be an ISO-8601 period such as P30D");
            }
            if (delay.isNegative()) {
                throw new RetentionPolicyInvalid(at + ": the delay must not be negative");
            }
            if (trigger == RetentionTrigger.CARD_LAPSED && dataClass != DataClass.CARD_RECORD) {
                throw new RetentionPolicyInvalid(at + ": trigger CARD_LAPSED applies to cards, which hold only "
                        + "CARD_RECORD data, not " + dataClass);
            }
            RetentionRule rule = new RetentionRule(configured.id(), dataClass, trigger, delay,
                    configured.authority().strip());
            RetentionRule sameId = ids.putIfAbsent(rule.id(), rule);
            if (sameId != null) {
                throw new RetentionPolicyInvalid(at + ": another rule of the profile has the same id");
            }
            RetentionRule sameSlot = slots.putIfAbsent(dataClass + "/" + trigger, rule);
            if (sameSlot != null) {
                throw new RetentionPolicyInvalid(at + " contradicts rule '" + sameSlot.id() + "': both dispose of "
                        + dataClass + " on " + trigger + (sameSlot.delay().equals(delay)
                        ? " (a duplicate)" : " with different delays (" + sameSlot.delay() + " and " + delay + ")"));
            }
            rules.add(rule);
        }
        return new RetentionPolicy(name, profile.version().strip(),
                profile.description() == null ? "" : profile.description(), rules);
    }

    private static <E extends Enum<E>> E parse(Class<E> type, String value, String at, String what) {
        if (value == null || value.isBlank()) {
            throw new RetentionPolicyInvalid(at + " has no " + what);
        }
        try {
            return Enum.valueOf(type, value.strip().toUpperCase(Locale.ROOT).replace('-', '_'));
        } catch (IllegalArgumentException e) {
            throw new RetentionPolicyInvalid(at + ": unknown " + what + " (known: "
                    + Arrays.toString(type.getEnumConstants()) + ")");
        }
    }

    public String profile() {
        return profile;
    }

    public String version() {
        return version;
    }

    public String description() {
        return description;
    }

    public List<RetentionRule> rules() {
        return rules;
    }

    /** The rule that disposes of this class on this trigger, if the profile has one. */
    public Optional<RetentionRule> rule(DataClass dataClass, RetentionTrigger trigger) {
        return Optional.ofNullable(byClass.getOrDefault(dataClass, Map.of()).get(trigger));
    }

    public Optional<RetentionRule> rule(String ruleId) {
        return rules.stream().filter(rule -> rule.id().equals(ruleId)).findFirst();
    }
}

package org.mincard.application.security;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.mincard.domain.shared.Role;

import java.util.HashMap;
import java.util.Map;

/**
 * The identity-provider values that name a mincard role. Spring's relaxed binding cannot carry map keys such as
 * {@code Mincard.Clerk} or {@code CN=mincard-clerks,OU=Groups} through an environment variable (it upper-cases and
 * strips them), so the same map may also come as one JSON object.
 */
final class RoleValues {

    private static final ObjectMapper JSON = new ObjectMapper();

    private RoleValues() {
    }

    static Map<String, Role> merge(Map<String, Role> bound, String json) {
        Map<String, Role> values = new HashMap<>(bound == null ? Map.of() : bound);
        if (json == null || json.isBlank()) {
            return Map.copyOf(values);
        }
        Map<String, Role> parsed;
        try {
            parsed = JSON.readValue(json, new TypeReference<Map<String, Role>>() { });
        } catch (JsonProcessingException e) {
            // The message names the rule only: the value is configuration, but it is never echoed.
            throw new IllegalArgumentException("mincard.security.jwt.role-values-json (MINCARD_JWT_ROLE_VALUES) must be "
                    + "a JSON object of identity-provider value to role, e.g. {\"mincard-clerk\":\"CLERK\"}");
        }
        parsed.forEach((value, role) -> {
            if (role == null) {
                throw new IllegalArgumentException("mincard.security.jwt.role-values-json maps a value to no role");
            }
            Role earlier = values.putIfAbsent(value, role);
            if (earlier != null && earlier != role) {
                throw new IllegalArgumentException("mincard.security.jwt.role-values and role-values-json map one "
                        + "identity-provider value to two roles");
            }
        });
        return Map.copyOf(values);
    }
}

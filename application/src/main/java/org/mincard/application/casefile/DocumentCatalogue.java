package org.mincard.application.casefile;

import org.mincard.domain.casefile.DocumentType;

import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/** The document types clerks may record, with their points, from configuration. */
public record DocumentCatalogue(Map<String, DocumentType> types) {

    public DocumentCatalogue {
        types = Map.copyOf(types);
    }

    public Optional<DocumentType> find(String code) {
        return Optional.ofNullable(types.get(code));
    }

    public Set<String> codes() {
        return new TreeSet<>(types.keySet());
    }
}

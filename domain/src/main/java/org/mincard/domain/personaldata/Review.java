package org.mincard.domain.personaldata;

import java.util.List;
import java.util.Objects;

/**
 * What a clerk saw in document review: the types of documents presented and their points, a caretaker or care-of
 * attestation, and notes. Document types can hint at nationality or status, so they are sealed like the rest;
 * document numbers, images and copies are never collected at all.
 */
public record Review(List<DocumentPresented> documents, String attestation, String clerkNotes)
        implements PersonalData {

    public Review {
        documents = List.copyOf(Objects.requireNonNull(documents, "documents"));
    }

    /** One document as reviewed: its type code from the points table, never its number or an image. */
    public record DocumentPresented(String documentType) {

        public DocumentPresented {
            Objects.requireNonNull(documentType, "documentType");
        }
    }

    @Override
    public DataClass dataClass() {
        return DataClass.REVIEW;
    }

    @Override
    public String toString() {
        return "Review[redacted]";
    }
}

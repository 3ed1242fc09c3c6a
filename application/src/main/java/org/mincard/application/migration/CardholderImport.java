package org.mincard.application.migration;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.axonframework.config.Configuration;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.messaging.MetaData;
import org.mincard.application.casefile.ApplicantRules;
import org.mincard.application.casefile.CaseLookup;
import org.mincard.application.vault.ForbiddenColumns;
import org.mincard.application.vault.NewSubjectSealer;
import org.mincard.application.workqueue.NameIndex;
import org.mincard.domain.cardholder.CardValidityPolicy;
import org.mincard.domain.casefile.CaseFile;
import org.mincard.domain.casefile.CaseSubmitted;
import org.mincard.domain.casefile.SubmitCase;
import org.mincard.domain.personaldata.CardRecord;
import org.mincard.domain.personaldata.Contact;
import org.mincard.domain.personaldata.SealedValue;
import org.mincard.domain.shared.Actor;
import org.mincard.domain.shared.ActorMetadataFormat;
import org.mincard.domain.shared.CaseType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import java.io.Reader;
import java.nio.ByteBuffer;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Imports a legacy system's cardholders from CSV (docs/runbook.md, "Importing cardholders"). Each accepted row
 * becomes a new cardholder with a {@code NEW} case in the intake queue ({@code SUBMITTED}), exactly as if a clerk had
 * submitted it at the row's site: the same field rules as the API ({@link ApplicantRules}), the case aggregate's own
 * command handler ({@link NewAggregates}), the card record and contact sealed under the person's own keys, the name
 * indexed for search. Rows are processed in batches: per batch one transaction holds the data keys, the appended
 * events (through Axon's {@link EventStorageEngine}, as the sweep appends, ADR 0015), the name index entries and the
 * legacy references, so a batch is imported entirely or not at all. Read models catch up through their processors.
 *
 * <p>Columns are checked by header before any row is read: a column the ordinance forbids (SSN, immigration status,
 * document numbers ..., the same list and matching as request bodies) or that is not one of {@link #COLUMNS} refuses
 * the whole file. A refused row is reported by line number, column and rule, never by value, and nothing of it is
 * stored. Each row's {@code legacy_reference} is kept only as a keyed blind index; a reference imported before (by an
 * earlier run of the same file) is skipped, so an interrupted import is finished by running it again.
 */
@Component
public class CardholderImport {

    /** The columns a file may have, in any order; the first four are required. */
    public static final List<String> COLUMNS =
            List.of("legacy_reference", "site_id", "legal_name", "date_of_birth", "gender_marker", "phone", "email");
    static final int REQUIRED_COLUMNS = 4;
    static final int MAX_LISTED_REFUSALS = 10_000;
    static final int MAX_REFERENCE_LENGTH = 128;
    static final Actor IMPORT_ACTOR = Actor.system("legacy-import");
    private static final Logger LOG = LoggerFactory.getLogger(CardholderImport.class);
    private static final int MAX_LOGGED_REFUSALS = 100;
    private static final Map<String, String> COLUMN_OF_FIELD = Map.of("applicant.legalName", "legal_name",
            "applicant.dateOfBirth", "date_of_birth", "applicant.genderMarker", "gender_marker", "contact.phone",
            "phone", "contact.email", "email", "contact", "phone");

    private final ApplicantRules applicantRules;
    private final ForbiddenColumns forbiddenColumns;
    private final NewSubjectSealer sealer;
    private final NewAggregates aggregates;
    private final EventStorageEngine storage;
    private final NameIndex nameIndex;
    private final LegacyReferences references;
    private final CaseLookup caseLookup;
    private final CardValidityPolicy validity;
    private final TransactionTemplate transaction;
    private final Clock clock;
    private final ImportProperties properties;
    private final ReentrantLock oneAtATime = new ReentrantLock();
    private final AtomicLong total = new AtomicLong();
    private final AtomicLong done = new AtomicLong();
    private final Map<String, Counter> outcomes = new ConcurrentHashMap<>();
    private final MeterRegistry meters;

    CardholderImport(ApplicantRules applicantRules, ForbiddenColumns forbiddenColumns, NewSubjectSealer sealer,
                     Configuration axon, EventStorageEngine storage, NameIndex nameIndex,
                     LegacyReferences references, CaseLookup caseLookup, CardValidityPolicy validity,
                     TransactionTemplate transaction,
                     Clock clock, ImportProperties properties, MeterRegistry meters) {
        this.applicantRules = applicantRules;
        this.forbiddenColumns = forbiddenColumns;
        this.sealer = sealer;
        this.aggregates = new NewAggregates(axon);
        this.storage = storage;
        this.nameIndex = nameIndex;
        this.references = references;
        this.caseLookup = caseLookup;
        this.validity = validity;
        this.transaction = transaction;
        this.clock = clock;
        this.properties = properties;
        this.meters = meters;
        Gauge.builder("mincard.import.rows.expected", total, AtomicLong::get)
                .description("Rows of the running (or last) cardholder import").register(meters);
        Gauge.builder("mincard.import.rows.done", done, AtomicLong::get)
                .description("Rows of the running (or last) cardholder import processed so far").register(meters);
        // Present at zero before any import, so dashboards and alerts see the series (MonitoringNamesIT).
        List.of("imported", "already-imported", "refused").forEach(this::outcome);
    }

    /** Rows processed and rows expected of the running (or last) import. */
    public record Progress(long done, long total) {
    }

    public Progress progress() {
        return new Progress(done.get(), total.get());
    }

    /**
     * Imports the CSV read from {@code csv}; {@code expectedRows} (or -1 when unknown) is only for progress. One
     * import runs at a time per node. Throws when a batch cannot be stored; what was stored stays, and running the
     * same file again imports the rest.
     */
    public ImportReport run(Reader csv, long expectedRows) throws InterruptedException {
        if (!oneAtATime.tryLock()) {
            throw new IllegalStateException("another import is running");
        }
        try {
            return new Run(UUID.randomUUID(), expectedRows).execute(new CsvRecords(csv));
        } finally {
            oneAtATime.unlock();
        }
    }

    /** A checked row waiting for its batch. */
    private record Candidate(long line, byte[] referenceIndex, UUID siteId, String legalName, LocalDate dateOfBirth,
                             String genderMarker, String phone, String email) {

        @Override
        public String toString() {
            return "Candidate[line " + line + "]";
        }
    }

    private final class Run {

        private final UUID importId;
        private final Instant started = clock.instant();
        private final long startNanos = System.nanoTime();
        private final List<ImportReport.Refusal> refusals = new ArrayList<>();
        private final Map<String, Long> refusedByRule = new TreeMap<>();
        private final AtomicLong imported = new AtomicLong();
        private final AtomicLong skipped = new AtomicLong();
        private long refused;
        private long rows;
        private volatile long lastLog = System.nanoTime();
        private final MetaData metaData;

        Run(UUID importId, long expectedRows) {
            this.importId = importId;
            this.metaData = MetaData.with("importId", importId.toString())
                    .mergedWith(ActorMetadataFormat.of(IMPORT_ACTOR));
            total.set(Math.max(0, expectedRows));
            done.set(0);
        }

        ImportReport execute(CsvRecords records) throws InterruptedException {
            LOG.info("import {}: started ({} rows expected)", importId, total.get());
            CsvRecords.Csv header = records.next();
            Map<String, Integer> columns = header == null ? null : columns(header);
            if (columns == null) {
                if (header == null) {
                    refuse(1, null, "no-header");
                }
                return report(true);
            }
            ExecutorService workers = Executors.newFixedThreadPool(properties.threads());
            Semaphore inFlight = new Semaphore(properties.threads() * 2);
            List<Future<?>> batches = new ArrayList<>();
            Map<ByteBuffer, Long> seen = new HashMap<>();
            try {
                List<Candidate> batch = new ArrayList<>(properties.batchSize());
                for (CsvRecords.Csv record = records.next(); record != null; record = records.next()) {
                    rows++;
                    check(record, columns, seen).ifPresent(batch::add);
                    if (batch.size() == properties.batchSize()) {
                        batches.add(submit(workers, inFlight, batch));
                        batch = new ArrayList<>(properties.batchSize());
                    }
                }
                if (!batch.isEmpty()) {
                    batches.add(submit(workers, inFlight, batch));
                }
                for (Future<?> future : batches) {
                    try {
                        future.get();
                    } catch (ExecutionException failed) {
                        throw new IllegalStateException("import " + importId + ": a batch could not be stored;"
                                + " run the same file again to import the rest", failed.getCause());
                    }
                }
            } finally {
                workers.shutdownNow();
            }
            return report(false);
        }

        private Future<?> submit(ExecutorService workers, Semaphore inFlight, List<Candidate> batch)
                throws InterruptedException {
            inFlight.acquire();
            return workers.submit(() -> {
                try {
                    store(batch);
                } finally {
                    inFlight.release();
                }
            });
        }

        /** Column positions by name, or null when the header refuses the file. */
        private Map<String, Integer> columns(CsvRecords.Csv header) {
            if (header.malformed()) {
                refuse(header.line(), null, "malformed-csv");
                return null;
            }
            Map<String, Integer> columns = new HashMap<>();
            boolean refusedFile = false;
            for (int i = 0; i < header.cells().size(); i++) {
                String name = header.cells().get(i).strip().toLowerCase(Locale.ROOT);
                String column = "column " + (i + 1);
                Optional<String> forbidden = forbiddenColumns.ruleFor(name);
                if (forbidden.isPresent()) {
                    refuse(header.line(), column, "forbidden-field:" + forbidden.get());
                    refusedFile = true;
                } else if (!COLUMNS.contains(name)) {
                    refuse(header.line(), column, "unknown-column");
                    refusedFile = true;
                } else if (columns.putIfAbsent(name, i) != null) {
                    refuse(header.line(), column, "duplicate-column");
                    refusedFile = true;
                }
            }
            for (String required : COLUMNS.subList(0, REQUIRED_COLUMNS)) {
                if (!columns.containsKey(required)) {
                    refuse(header.line(), required, "required-column-missing");
                    refusedFile = true;
                }
            }
            return refusedFile ? null : columns;
        }

        private Optional<Candidate> check(CsvRecords.Csv record, Map<String, Integer> columns,
                                          Map<ByteBuffer, Long> seen) {
            long line = record.line();
            if (record.malformed()) {
                return refused(line, null, "malformed-csv");
            }
            if (record.cells().size() != columns.size()) {
                return refused(line, null, "wrong-cell-count");
            }
            String reference = cell(record, columns, "legacy_reference");
            String site = cell(record, columns, "site_id");
            String birth = cell(record, columns, "date_of_birth");
            if (reference == null) {
                return refused(line, "legacy_reference", "required");
            }
            if (reference.length() > MAX_REFERENCE_LENGTH) {
                return refused(line, "legacy_reference", "longer-than-" + MAX_REFERENCE_LENGTH);
            }
            UUID siteId;
            try {
                siteId = site == null ? null : UUID.fromString(site);
            } catch (IllegalArgumentException notUuid) {
                return refused(line, "site_id", "not-a-uuid");
            }
            if (siteId == null) {
                return refused(line, "site_id", "required");
            }
            LocalDate dateOfBirth;
            try {
                dateOfBirth = birth == null ? null : LocalDate.parse(birth);
            } catch (DateTimeParseException notDate) {
                return refused(line, "date_of_birth", "not-an-iso-date");
            }
            String legalName = cell(record, columns, "legal_name");
            String genderMarker = cell(record, columns, "gender_marker");
            String phone = cell(record, columns, "phone");
            String email = cell(record, columns, "email");
            Optional<ApplicantRules.Broken> broken =
                    applicantRules.check(legalName, dateOfBirth, genderMarker, phone, email);
            if (broken.isPresent()) {
                return refused(line, COLUMN_OF_FIELD.getOrDefault(broken.get().field(), broken.get().field()),
                        broken.get().rule());
            }
            byte[] index = references.indexOf(reference);
            Long earlier = seen.putIfAbsent(ByteBuffer.wrap(index), line);
            if (earlier != null) {
                return refused(line, "legacy_reference", "same-as-line-" + earlier);
            }
            return Optional.of(new Candidate(line, index, siteId, legalName, dateOfBirth, genderMarker, phone,
                    email));
        }

        private static String cell(CsvRecords.Csv record, Map<String, Integer> columns, String name) {
            Integer position = columns.get(name);
            if (position == null) {
                return null;
            }
            String value = record.cells().get(position).strip();
            return value.isEmpty() ? null : value;
        }

        private Optional<Candidate> refused(long line, String field, String rule) {
            refuse(line, field, rule);
            progressed(1);
            return Optional.empty();
        }

        private synchronized void refuse(long line, String field, String rule) {
            refused++;
            refusedByRule.merge(rule, 1L, Long::sum);
            if (refusals.size() < MAX_LISTED_REFUSALS) {
                refusals.add(new ImportReport.Refusal(line, field, rule));
            }
            if (refused <= MAX_LOGGED_REFUSALS) {
                LOG.info("import {}: line {} refused: {} {}", importId, line, field == null ? "row" : field, rule);
            }
            outcome("refused").increment();
        }

        private void store(List<Candidate> batch) {
            transaction.executeWithoutResult(status -> {
                Set<ByteBuffer> known =
                        references.known(batch.stream().map(Candidate::referenceIndex).toList());
                List<Candidate> fresh = batch.stream()
                        .filter(candidate -> !known.contains(ByteBuffer.wrap(candidate.referenceIndex()))).toList();
                List<UUID> cardholders = new ArrayList<>(fresh.size());
                List<NewSubjectSealer.Item> items = new ArrayList<>(fresh.size() * 2);
                for (Candidate candidate : fresh) {
                    UUID cardholderId = UUID.randomUUID();
                    cardholders.add(cardholderId);
                    items.add(new NewSubjectSealer.Item(cardholderId, new CardRecord(candidate.legalName(),
                            candidate.dateOfBirth(), candidate.genderMarker())));
                    if (candidate.phone() != null || candidate.email() != null) {
                        items.add(new NewSubjectSealer.Item(cardholderId,
                                new Contact(candidate.phone(), candidate.email())));
                    }
                }
                NewSubjectSealer.Sealed sealed = sealer.seal(items);
                Instant now = clock.instant();
                LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
                List<DomainEventMessage<?>> events = new ArrayList<>(fresh.size());
                List<UUID> kept = new ArrayList<>(fresh.size());
                List<NameIndex.Entry> names = new ArrayList<>(fresh.size());
                List<LegacyReferences.Imported> imports = new ArrayList<>(fresh.size());
                int value = 0;
                for (int i = 0; i < fresh.size(); i++) {
                    Candidate candidate = fresh.get(i);
                    UUID cardholderId = cardholders.get(i);
                    SealedValue cardRecord = sealed.values().get(value++);
                    SealedValue contact = candidate.phone() != null || candidate.email() != null
                            ? sealed.values().get(value++) : null;
                    UUID caseId = UUID.randomUUID();
                    SubmitCase submit = new SubmitCase(caseId, CaseType.NEW, candidate.siteId(), cardholderId,
                            validity.ageBand(candidate.dateOfBirth(), today), cardRecord, contact, null, null, null,
                            now);
                    try {
                        events.addAll(aggregates.create(CaseFile.class, submit, metaData).events());
                    } catch (RuntimeException rejected) {
                        // Domain rejections name the rule in their type; their messages carry no values.
                        refuse(candidate.line(), "case", rejected.getClass().getSimpleName());
                        continue;
                    }
                    kept.add(cardholderId);
                    names.add(new NameIndex.Entry(caseId, cardholderId, candidate.legalName()));
                    imports.add(new LegacyReferences.Imported(candidate.referenceIndex(), caseId, cardholderId));
                }
                sealed.storeKeysOf(kept, sealer);
                storage.appendEvents(events);
                // Appended without the event bus, so the subscribing case-lookup never sees these submissions:
                // its rows are written here, in the same transaction (clerks can then review the cases at once).
                caseLookup.recordAll(events.stream().map(DomainEventMessage::getPayload)
                        .filter(CaseSubmitted.class::isInstance).map(CaseSubmitted.class::cast).toList());
                nameIndex.indexAll(names);
                references.record(imports, now);
                imported.addAndGet(imports.size());
                skipped.addAndGet(batch.size() - fresh.size());
            });
            progressed(batch.size());
        }

        private void progressed(long rowsDone) {
            long now = done.addAndGet(rowsDone);
            long nanos = System.nanoTime();
            if (nanos - lastLog > 10_000_000_000L) {
                lastLog = nanos;
                double seconds = (nanos - startNanos) / 1e9;
                LOG.info("import {}: {} of {} rows done ({} rows/s)", importId, now, total.get(),
                        Math.round(now / seconds));
            }
        }

        private ImportReport report(boolean fileRefused) {
            double seconds = (System.nanoTime() - startNanos) / 1e9;
            outcome("imported").increment(imported.get());
            outcome("already-imported").increment(skipped.get());
            ImportReport report;
            synchronized (this) {
                refusals.sort(Comparator.comparingLong(ImportReport.Refusal::line));
                report = new ImportReport(importId, rows, imported.get(), skipped.get(), refused,
                        Map.copyOf(refusedByRule), List.copyOf(refusals), fileRefused, seconds);
            }
            LOG.info("import {}: finished in {} s: {} rows, {} imported, {} imported before, {} refused{}", importId,
                    Math.round(seconds), rows, report.imported(), report.alreadyImported(), report.refused(),
                    fileRefused ? " (the file was refused by its header)" : "");
            return report;
        }
    }

    private Counter outcome(String outcome) {
        return outcomes.computeIfAbsent(outcome, o -> Counter.builder("mincard.import.rows")
                .description("Rows of cardholder imports by outcome").tag("outcome", o).register(meters));
    }
}

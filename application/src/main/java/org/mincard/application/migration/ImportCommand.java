package org.mincard.application.migration;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.ExitCodeGenerator;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.stereotype.Component;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The operations command: with {@code mincard.import.file} set, the service imports that CSV when it has started,
 * writes the report (no values, line numbers and rules only) next to it as {@code <file>.report.json} and in the log,
 * and, unless {@code mincard.import.exit-when-done=false}, stops with exit code 0 (every row imported now or before)
 * or 1 (rows or the file refused, or a batch could not be stored). See docs/runbook.md, "Importing cardholders".
 */
@Component
class ImportCommand implements ApplicationRunner {

    private static final Logger LOG = LoggerFactory.getLogger(ImportCommand.class);

    private final CardholderImport cardholderImport;
    private final ImportProperties properties;
    private final ConfigurableApplicationContext context;

    ImportCommand(CardholderImport cardholderImport, ImportProperties properties,
                  ConfigurableApplicationContext context) {
        this.cardholderImport = cardholderImport;
        this.properties = properties;
        this.context = context;
    }

    @Override
    public void run(ApplicationArguments args) throws Exception {
        if (properties.file() == null || properties.file().isBlank()) {
            return;
        }
        Path file = Path.of(properties.file());
        int exitCode;
        try {
            ImportReport report = importFile(file);
            Path reportFile = file.resolveSibling(file.getFileName() + ".report.json");
            Files.writeString(reportFile, new ObjectMapper().findAndRegisterModules()
                    .enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(report));
            LOG.info("import {}: report written to {}", report.importId(), reportFile);
            exitCode = report.complete() ? 0 : 1;
        } catch (RuntimeException | IOException failed) {
            LOG.error("import of {} failed: {}", file, failed.getClass().getSimpleName());
            exitCode = 1;
        }
        if (properties.exitWhenDone()) {
            int code = exitCode;
            System.exit(SpringApplication.exit(context, (ExitCodeGenerator) () -> code));
        }
    }

    ImportReport importFile(Path file) throws IOException, InterruptedException {
        long lines;
        try (var stream = Files.lines(file, StandardCharsets.UTF_8)) {
            lines = Math.max(0, stream.count() - 1);
        }
        var decoder = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        try (Reader reader = new BufferedReader(new InputStreamReader(Files.newInputStream(file), decoder),
                1 << 16)) {
            return cardholderImport.run(reader, lines);
        }
    }
}

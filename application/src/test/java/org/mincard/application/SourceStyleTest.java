package org.mincard.application;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two rules of the style guide that the formatter (Spotless, run by the build) does not enforce: no wildcard imports,
 * and no fully qualified class names in code where an import would do. A qualified name is allowed only where the
 * simple name is already taken by an import of another class (two {@code Timestamp}s in one file). Strings, text
 * blocks and comments are not code.
 */
class SourceStyleTest {

    private static final Path ROOT = Path.of("..");
    private static final List<String> MODULES = List.of("domain", "projections", "application");
    private static final Pattern WILDCARD = Pattern.compile("^\\s*import\\s+(static\\s+)?[\\w.]+\\.\\*;");
    private static final Pattern IMPORT = Pattern.compile("^\\s*import\\s+([\\w.]+)\\.(\\w+);");
    private static final Pattern QUALIFIED = Pattern.compile(
            "(?<![\\w.\"])((?:java|javax|jakarta|org|com|io|net)\\.[a-z][a-z0-9_]*(?:\\.[a-z][a-z0-9_]*)*)\\.([A-Z]\\w*)");
    private static final Pattern STRING = Pattern.compile("\"(?:\\\\.|[^\"\\\\])*\"");

    @Test
    void importsNamedClassesOnly_whenAnySourceFileImports() {
        List<String> found = new ArrayList<>();
        for (Path file : sources()) {
            List<String> lines = read(file);
            for (int i = 0; i < lines.size(); i++) {
                if (WILDCARD.matcher(lines.get(i)).find()) {
                    found.add(ROOT.relativize(file) + ":" + (i + 1));
                }
            }
        }

        assertThat(found).as("wildcard imports").isEmpty();
    }

    @Test
    void namesClassesByImport_whenCodeUsesAClassOfAnotherPackage() {
        List<String> found = new ArrayList<>();
        for (Path file : sources()) {
            found.addAll(qualifiedNames(file));
        }

        assertThat(found).as("fully qualified names in code; import the class instead").isEmpty();
    }

    @Test
    void findsTheSourcesItChecks_whenScanningTheModules() {
        assertThat(sources()).hasSizeGreaterThan(300)
                .anyMatch(file -> file.endsWith(Path.of("MincardApplication.java")));
    }

    private static List<String> qualifiedNames(Path file) {
        List<String> lines = read(file);
        Map<String, String> imported = new HashMap<>();
        for (String line : lines) {
            Matcher imports = IMPORT.matcher(line);
            if (imports.find()) {
                imported.put(imports.group(2), imports.group(1) + "." + imports.group(2));
            }
        }
        List<String> found = new ArrayList<>();
        boolean inTextBlock = false;
        boolean inComment = false;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.stripLeading().startsWith("import ") || line.stripLeading().startsWith("package ")) {
                continue;
            }
            if (count(line, "\"\"\"") % 2 == 1) {
                inTextBlock = !inTextBlock;
                continue;
            }
            if (inTextBlock) {
                continue;
            }
            String code = stripComments(STRING.matcher(line).replaceAll("\"\""), inComment);
            inComment = code.endsWith("/*");
            Matcher qualified = QUALIFIED.matcher(code);
            while (qualified.find()) {
                String name = qualified.group(1) + "." + qualified.group(2);
                String sameSimpleName = imported.get(qualified.group(2));
                if (sameSimpleName == null || sameSimpleName.equals(name)) {
                    found.add(ROOT.relativize(file) + ":" + (i + 1) + " " + name);
                }
            }
        }
        return found;
    }

    /** The line without its comments; ends with an open "/*" when a block comment goes on to the next line. */
    private static String stripComments(String line, boolean inComment) {
        StringBuilder code = new StringBuilder();
        int at = 0;
        boolean open = inComment;
        while (at < line.length()) {
            if (open) {
                int end = line.indexOf("*/", at);
                if (end < 0) {
                    return code + "/*";
                }
                open = false;
                at = end + 2;
            } else {
                int start = line.indexOf("/*", at);
                int lineComment = line.indexOf("//", at);
                if (lineComment >= 0 && (start < 0 || lineComment < start)) {
                    code.append(line, at, lineComment);
                    return code.toString();
                }
                if (start < 0) {
                    code.append(line.substring(at));
                    return code.toString();
                }
                code.append(line, at, start);
                open = true;
                at = start + 2;
            }
        }
        return open ? code + "/*" : code.toString();
    }

    private static int count(String text, String part) {
        int count = 0;
        for (int at = text.indexOf(part); at >= 0; at = text.indexOf(part, at + part.length())) {
            count++;
        }
        return count;
    }

    private static List<Path> sources() {
        List<Path> files = new ArrayList<>();
        for (String module : MODULES) {
            Path src = ROOT.resolve(module).resolve("src");
            try (Stream<Path> walk = Files.walk(src)) {
                walk.filter(path -> path.toString().endsWith(".java")).sorted().forEach(files::add);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return files;
    }

    private static List<String> read(Path file) {
        try {
            return Files.readAllLines(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

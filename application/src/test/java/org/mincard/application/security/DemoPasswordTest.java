package org.mincard.application.security;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import static org.assertj.core.api.Assertions.assertThat;

class DemoPasswordTest {

    @TempDir
    Path data;

    @Test
    void usesConfiguredPassword_whenOneIsSet() {
        Path file = data.resolve("demo-password");

        assertThat(DemoPassword.resolve("configured", file)).isEqualTo("configured");
        assertThat(file).doesNotExist();
    }

    @Test
    void generatesOwnerOnlyFile_whenNoPasswordIsConfigured() throws Exception {
        Path file = data.resolve("nested").resolve("demo-password");

        String password = DemoPassword.resolve("", file);

        assertThat(password).hasSizeGreaterThanOrEqualTo(20);
        assertThat(Files.readString(file).strip()).isEqualTo(password);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
    }

    @Test
    void keepsGeneratedPassword_whenServiceRestarts() {
        Path file = data.resolve("demo-password");

        String first = DemoPassword.resolve(null, file);
        String second = DemoPassword.resolve(null, file);

        assertThat(second).isEqualTo(first);
    }
}

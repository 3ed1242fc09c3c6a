package org.mincard.application.vault.keys;

/**
 * KEKs that can make a new version themselves, so a scheduled rotation needs no operator: the embedded default's key
 * files, and an HSM with {@code mincard.vault.kek.pkcs11.version-prefix} that generates them inside the token. KEKs supplied by configuration cannot: the city puts a
 * new version in its secret store and names it current, and the scheduled rotation then rewraps under it.
 */
public interface RotatableKeyEncryptionKeys extends KeyEncryptionKeys {

    /** True when {@link #createVersion()} works here. */
    boolean canCreateVersions();

    /** Creates a new KEK version, makes it current (new data keys are wrapped under it) and returns its id. */
    String createVersion();

    /**
     * Looks again at which versions exist, for KEKs that several nodes share (an HSM): another node may have created
     * a version (it becomes current here too) or destroyed one (it is no longer held here).
     */
    default void refresh() {
    }
}

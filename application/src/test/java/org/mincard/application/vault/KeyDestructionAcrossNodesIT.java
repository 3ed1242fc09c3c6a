package org.mincard.application.vault;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.mincard.application.MincardApplication;
import org.mincard.application.vault.keys.DataKeys;
import org.mincard.domain.personaldata.Contact;
import org.mincard.domain.personaldata.DataClass;
import org.mincard.domain.personaldata.PersonalDataSealer;
import org.mincard.domain.personaldata.SealedValue;
import org.mincard.domain.shared.Actor;
import org.mincard.domain.shared.Role;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.Environment;

import java.util.Arrays;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** Two service instances on one database, as two nodes of a city's deployment would run. */
class KeyDestructionAcrossNodesIT {

    private ConfigurableApplicationContext nodeA;
    private ConfigurableApplicationContext nodeB;

    @AfterEach
    void stopNodes() {
        if (nodeB != null) {
            nodeB.close();
        }
        if (nodeA != null) {
            nodeA.close();
        }
    }

    @Test
    void otherNodeAnswersPurged_whenOneNodeDestroysAKeyTheOtherHasCached() {
        nodeA = start();
        Environment a = nodeA.getEnvironment();
        nodeB = start("spring.datasource.url=" + a.getProperty("spring.datasource.url"),
                "mincard.security.demo.allow-with-external-database=true",
                "spring.datasource.username=" + a.getProperty("spring.datasource.username"),
                "spring.datasource.password=" + a.getProperty("spring.datasource.password", ""));
        UUID subjectId = UUID.randomUUID();
        SealedValue sealed = nodeA.getBean(PersonalDataSealer.class).seal(subjectId, new Contact("555-0199", null));
        PersonalDataGate gateB = nodeB.getBean(PersonalDataGate.class);
        Actor clerk = new Actor("clerk-b", Role.CLERK, Set.of(), false);
        assertThat(gateB.unseal(clerk, AccessPurpose.CASE_WORK, AccessContext.none(), sealed))
                .isInstanceOf(Unsealed.Shown.class);

        nodeA.getBean(DataKeys.class).destroyKeys(subjectId, DataClass.CONTACT,
                new PurgeReference(UUID.randomUUID(), "contact-after-pickup"));
        Unsealed afterDestroy = gateB.unseal(clerk, AccessPurpose.CASE_WORK, AccessContext.none(), sealed);

        assertThat(afterDestroy).isEqualTo(new Unsealed.Purged(DataClass.CONTACT));
        SealedValue resealedOnB = nodeB.getBean(PersonalDataSealer.class).seal(subjectId, new Contact("555-0198", null));
        assertThat(resealedOnB.key().keyVersion()).isEqualTo(2);
    }

    private static ConfigurableApplicationContext start(String... properties) {
        return new SpringApplicationBuilder(MincardApplication.class)
                .web(WebApplicationType.SERVLET)
                .run(Stream.concat(Stream.of("server.port=0"), Arrays.stream(properties))
                        .map(property -> "--" + property).toArray(String[]::new));
    }
}

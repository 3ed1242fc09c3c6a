package org.mincard.application.directory;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/** The site and staff directories with their properties, for tests that build a small context of their own. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(DirectoryProperties.class)
@Import({StaffDirectory.class, SiteDirectory.class})
public class DirectoryTestConfig {
}

package io.dealflow.production;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.context.EnvironmentAware;
import org.springframework.context.annotation.Profile;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * The prod profile refuses to start without the settings an internet-facing installation needs. Checked before
 * any bean is created, so nothing (the engine, the web server) runs on a half-configured installation.
 */
@Component
@Profile("prod")
class ProductionSettings implements BeanFactoryPostProcessor, EnvironmentAware {

    static final String ADMIN_USER = "DEALFLOW_ADMIN_USER";
    static final String ADMIN_PASSWORD = "DEALFLOW_ADMIN_PASSWORD";
    /** The password application-postgres.yaml falls back to: published, so never one for prod. */
    static final String SHIPPED_DATABASE_PASSWORD = "dealflow";

    private Environment environment;

    @Override
    public void setEnvironment(Environment environment) {
        this.environment = environment;
    }

    @Override
    public void postProcessBeanFactory(ConfigurableListableBeanFactory beanFactory) {
        List<String> missing = missing(environment);
        if (!missing.isEmpty()) {
            throw new ProductionSettingsMissingException(missing);
        }
    }

    static List<String> missing(Environment environment) {
        List<String> missing = new ArrayList<>();
        if (blank(environment.getProperty(ADMIN_USER))) {
            missing.add(ADMIN_USER + ": the first administrator's user id (created in group camunda-admin when missing)");
        }
        if (blank(environment.getProperty(ADMIN_PASSWORD))) {
            missing.add(ADMIN_PASSWORD + ": the first administrator's password");
        }
        String publicUrl = environment.getProperty("dealflow.public-url");
        if (!isWebAddress(publicUrl)) {
            missing.add("dealflow.public-url (env DEALFLOW_PUBLIC_URL): the https address people reach this app at, "
                    + "the base of the links in emails (was \"" + (publicUrl == null ? "" : publicUrl) + "\")");
        }
        String password = environment.getProperty("spring.datasource.password");
        if (blank(password) || SHIPPED_DATABASE_PASSWORD.equals(password)) {
            missing.add("the database password: POSTGRES_PASSWORD with the postgres profile, else "
                    + "SPRING_DATASOURCE_PASSWORD (prod has no default password)");
        }
        String url = environment.getProperty("spring.datasource.url", "");
        if (url.toUpperCase(Locale.ROOT).contains("AUTO_SERVER=TRUE")) {
            missing.add("spring.datasource.url without AUTO_SERVER=TRUE: it opens a TCP port to the H2 database");
        }
        return missing;
    }

    private static boolean isWebAddress(String value) {
        if (blank(value)) {
            return false;
        }
        try {
            URI uri = URI.create(value.trim());
            return ("https".equals(uri.getScheme()) || "http".equals(uri.getScheme())) && uri.getHost() != null;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }
}

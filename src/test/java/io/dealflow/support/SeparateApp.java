package io.dealflow.support;

import io.dealflow.DealflowApplication;
import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;

/**
 * The app as `java -jar` would start it, minus the web server, on a database and a process engine of its own:
 * the shared test context's engine ("default", on the in-memory H2) lives in the same JVM and must stay
 * untouched. Settings are given as command-line arguments, which outrank application-test.yaml; each replaces a
 * default of this class with the same name (e.g. {@code --camunda.bpm.job-execution.enabled=true}).
 */
public final class SeparateApp {

    private SeparateApp() {
    }

    /** {@code engineName}: no hyphen, or the starter ignores it and calls the engine "default". */
    public static ConfigurableApplicationContext start(String engineName, String datasourceUrl, String... settings) {
        List<String> arguments = new ArrayList<>(List.of(
                "--spring.datasource.url=" + datasourceUrl,
                "--camunda.bpm.process-engine-name=" + engineName,
                "--camunda.bpm.generate-unique-process-engine-name=false",
                "--camunda.bpm.job-execution.enabled=false",
                "--dealflow.demo-data=false",
                // the engine REST starter does not back off without a web server (it wants Jersey's path)
                "--spring.autoconfigure.exclude="
                        + "org.camunda.bpm.spring.boot.starter.rest.CamundaBpmRestJerseyAutoConfiguration"));
        // a setting given here replaces the default above (a repeated option would be read as a list)
        for (String setting : settings) {
            String name = setting.split("=", 2)[0];
            arguments.removeIf(argument -> argument.split("=", 2)[0].equals(name));
            arguments.add(setting);
        }
        return new SpringApplicationBuilder(DealflowApplication.class, WebSecurityWithoutWebServer.class)
                .web(WebApplicationType.NONE)
                .profiles("test")
                .run(arguments.toArray(String[]::new));
    }

    /**
     * Without a web server Spring Boot does not enable web security, so {@code SecurityConfig}'s filter chains
     * would miss their {@code HttpSecurity}; this supplies it (the chains are built and never used). Not a
     * {@code @Configuration}: component scanning must not pull it into other contexts.
     */
    @EnableWebSecurity
    static class WebSecurityWithoutWebServer {
    }
}

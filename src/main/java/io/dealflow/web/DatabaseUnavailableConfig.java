package io.dealflow.web;

import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

@Configuration
class DatabaseUnavailableConfig {

    /** Outside every filter that may need the database: Spring Session's, Spring Security's, the web apps'. */
    static final int ORDER = Ordered.HIGHEST_PRECEDENCE + 10;

    @Bean
    FilterRegistrationBean<DatabaseUnavailableFilter> databaseUnavailableFilter(ProblemWriter problems) {
        var registration = new FilterRegistrationBean<>(new DatabaseUnavailableFilter(problems));
        registration.setOrder(ORDER);
        return registration;
    }
}

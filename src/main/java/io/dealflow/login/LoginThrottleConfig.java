package io.dealflow.login;

import io.dealflow.web.ProblemWriter;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.security.SecurityProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration
class LoginThrottleConfig {

    /** Before Spring Security's chains (they check Basic passwords) and the web apps' filters. */
    static final int ORDER = SecurityProperties.DEFAULT_FILTER_ORDER - 10;

    @Bean
    FilterRegistrationBean<LoginThrottle> loginThrottle(FailedLogins failures, ProblemWriter problems,
            @Value("${camunda.bpm.webapp.application-path:/camunda}") String webappPath) {
        var registration = new FilterRegistrationBean<>(new LoginThrottle(failures, problems, webappPath));
        registration.setOrder(ORDER);
        return registration;
    }
}

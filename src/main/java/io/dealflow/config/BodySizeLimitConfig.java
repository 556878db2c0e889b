package io.dealflow.config;

import io.dealflow.lead.LeadController;
import io.dealflow.web.BodySizeLimit;
import io.dealflow.web.ProblemWriter;
import java.util.Map;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.security.SecurityProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.util.unit.DataSize;

@Configuration
class BodySizeLimitConfig {

    @Bean
    FilterRegistrationBean<BodySizeLimit> bodySizeLimit(ProblemWriter problems,
            @Value("${dealflow.api.max-body-size}") DataSize json,
            @Value("${dealflow.leads.import.max-size}") DataSize csvImport) {
        var registration = new FilterRegistrationBean<>(new BodySizeLimit(json.toBytes(),
                Map.of(LeadController.IMPORT_PATH, csvImport.toBytes(),
                        LeadController.IMPORT_PREVIEW_PATH, csvImport.toBytes()), problems));
        // before Spring Security: an oversized body is refused without even checking the password
        registration.setOrder(SecurityProperties.DEFAULT_FILTER_ORDER - 5);
        return registration;
    }
}

package io.dealflow.config;

import io.dealflow.settings.DealflowProperties;
import io.dealflow.lead.LeadController;
import io.dealflow.web.BodySizeLimit;
import io.dealflow.web.ProblemWriter;
import java.util.Map;
import org.springframework.boot.autoconfigure.security.SecurityProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.util.unit.DataSize;

@Configuration
class BodySizeLimitConfig {

    @Bean
    FilterRegistrationBean<BodySizeLimit> bodySizeLimit(ProblemWriter problems,
            DealflowProperties settings) {
        DataSize csvImport = settings.leads().importing().maxSize();
        var registration = new FilterRegistrationBean<>(new BodySizeLimit(settings.api().maxBodySize().toBytes(),
                Map.of(LeadController.IMPORT_PATH, csvImport.toBytes(),
                        LeadController.IMPORT_PREVIEW_PATH, csvImport.toBytes()), problems));
        // before Spring Security: an oversized body is refused without even checking the password
        registration.setOrder(SecurityProperties.DEFAULT_FILTER_ORDER - 5);
        return registration;
    }
}

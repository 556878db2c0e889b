package io.dealflow;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

@SpringBootApplication
@ConfigurationPropertiesScan
public class DealflowApplication {

    public static void main(String[] args) {
        SpringApplication.run(DealflowApplication.class, args);
    }
}

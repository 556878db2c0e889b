package io.dealflow.cluster;

import java.util.Set;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.springframework.boot.sql.init.dependency.AbstractBeansOfTypeDependsOnDatabaseInitializationDetector;

/**
 * The process engine is built only after Flyway has migrated the database: it no longer creates its tables
 * ({@link EngineSchema}), so it must not look for them earlier. Spring Boot makes the beans this names depend on
 * every database initializer (Flyway's among them), as it does for JPA and JdbcTemplate; registered in
 * META-INF/spring.factories.
 */
public class EngineAfterFlyway extends AbstractBeansOfTypeDependsOnDatabaseInitializationDetector {

    @Override
    protected Set<Class<?>> getDependsOnDatabaseInitializationBeanTypes() {
        return Set.of(ProcessEngineConfigurationImpl.class, ProcessEngine.class);
    }
}

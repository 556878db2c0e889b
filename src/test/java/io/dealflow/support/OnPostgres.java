package io.dealflow.support;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;

/**
 * The whole app on a real PostgreSQL (embedded binaries, see {@link EmbeddedPostgresConfig}) with the
 * {@code postgres} profile. Classes using it are named *OnPostgresTests and run in their own JVM (see pom.xml),
 * so the two process engines never meet.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
// test after postgres: the tests' own settings (small import batches, say) win over the postgres profile's
@ActiveProfiles({"postgres", "test", "postgres-embedded"})
public @interface OnPostgres {
}

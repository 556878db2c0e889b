package io.dealflow.web;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.deser.std.NumberDeserializers;
import com.fasterxml.jackson.databind.deser.std.StringDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.type.LogicalType;
import java.io.IOException;
import java.math.BigDecimal;
import org.springframework.boot.autoconfigure.jackson.Jackson2ObjectMapperBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Our API's JSON is typed strictly and holds only what our columns can store: a number where text is expected ({@code "title": 123}), text where a yes/no
 * or a number is expected ({@code "marketing": "yes"}, {@code "employees": "12"}) or a fraction where a whole
 * number is expected is a 400 naming the field, not silently converted. Only Spring's ObjectMapper (our
 * controllers); the engine REST API and Spin keep their own.
 */
@Configuration
class StrictJson {

    @Bean
    Jackson2ObjectMapperBuilderCustomizer strictTypes() {
        return builder -> builder
                .featuresToDisable(MapperFeature.ALLOW_COERCION_OF_SCALARS, DeserializationFeature.ACCEPT_FLOAT_AS_INT)
                .modulesToInstall(new SimpleModule("bounded-decimals")
                        .addDeserializer(BigDecimal.class, new BoundedDecimalDeserializer())
                        .addDeserializer(String.class, new StorableTextDeserializer()))
                .postConfigurer(mapper -> mapper.coercionConfigFor(LogicalType.Textual)
                        .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail));
    }

    /** PostgreSQL cannot store the NUL character in text: refused as bad input instead of failing at the insert. */
    static class StorableTextDeserializer extends StringDeserializer {

        static final String REFUSAL = "must not contain the NUL character (\\u0000)";

        @Override
        public String deserialize(JsonParser p, DeserializationContext context) throws IOException {
            String value = super.deserialize(p, context);
            if (value != null && value.indexOf('\u0000') >= 0) {
                throw context.weirdStringException(value, String.class, REFUSAL);
            }
            return value;
        }
    }

    /** Refuses unreasonable decimals while parsing, before anything computes with them. */
    static class BoundedDecimalDeserializer extends NumberDeserializers.BigDecimalDeserializer {

        @Override
        public BigDecimal deserialize(JsonParser p, DeserializationContext context) throws IOException {
            BigDecimal value = super.deserialize(p, context);
            if (value != null && !DecimalBounds.isReasonable(value)) {
                throw context.weirdNumberException(value, BigDecimal.class, DecimalBounds.REFUSAL);
            }
            return value;
        }
    }
}

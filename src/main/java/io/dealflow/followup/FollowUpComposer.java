package io.dealflow.followup;

import java.util.Locale;
import java.util.Map;
import org.springframework.stereotype.Component;
import org.thymeleaf.TemplateEngine;
import org.thymeleaf.spring6.SpringTemplateEngine;
import org.thymeleaf.context.Context;
import org.thymeleaf.templatemode.TemplateMode;
import org.thymeleaf.templateresolver.ClassLoaderTemplateResolver;

/**
 * Renders a follow-up from its templates: {@code templates/mail/<kind>-subject.txt}, {@code <kind>.txt} and
 * {@code <kind>.html}. All wording lives in those files; change a text there, not in Java.
 */
@Component
public class FollowUpComposer {

    private final TemplateEngine text = engine(TemplateMode.TEXT);
    private final TemplateEngine html = engine(TemplateMode.HTML);

    public ComposedMail compose(FollowUpKind kind, Map<String, Object> model, String calendarInvite) {
        Context context = new Context(Locale.ENGLISH, model);
        String subject = oneLine(text.process(kind.template() + "-subject.txt", context));
        return new ComposedMail(subject, text.process(kind.template() + ".txt", context),
                html.process(kind.template() + ".html", context), calendarInvite);
    }

    /**
     * A header value: a name with a line break in it (CR or LF) must not start a header of its own, so every
     * control character becomes a space.
     */
    static String oneLine(String value) {
        return value.replaceAll("\\p{Cntrl}+", " ").strip();
    }

    private static TemplateEngine engine(TemplateMode mode) {
        ClassLoaderTemplateResolver resolver = new ClassLoaderTemplateResolver();
        resolver.setPrefix("templates/mail/");
        resolver.setTemplateMode(mode);
        resolver.setCharacterEncoding("UTF-8");
        resolver.setCacheable(true);
        // the Spring flavour evaluates expressions with SpEL (the plain one would need OGNL)
        SpringTemplateEngine engine = new SpringTemplateEngine();
        engine.setTemplateResolver(resolver);
        return engine;
    }
}

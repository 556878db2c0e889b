package io.dealflow.process;

import java.util.Map;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.beans.factory.support.BeanDefinitionRegistryPostProcessor;
import org.springframework.stereotype.Component;

/**
 * The names the models used for a task's bean or topic before it was renamed after the task, as aliases of the
 * current names: a process instance started on an earlier deployment keeps the expressions and topics of its
 * version ({@code ${recordHandOffRejected}}, topic {@code remindOwnerOfProposal}), and still runs. The email
 * worker fetches the aliases of the {@code EmailTask} beans as topics too. Remove an entry when no instance of a
 * version using it runs any more (Cockpit: the process definition's versions).
 */
@Component
public class FormerBeanNames implements BeanDefinitionRegistryPostProcessor {

    /** Former name → current bean name. */
    public static final Map<String, String> FORMER_TO_CURRENT = Map.of(
            "recordHandOffRejected", "recordRejection",
            "remindOwnerOfProposal", "remindOwnerOfUnansweredProposal",
            "handOffDecision", "bookTheMeetingListener");

    @Override
    public void postProcessBeanDefinitionRegistry(BeanDefinitionRegistry registry) {
        FORMER_TO_CURRENT.forEach((former, current) -> registry.registerAlias(current, former));
    }
}

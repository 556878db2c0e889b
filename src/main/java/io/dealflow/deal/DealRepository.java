package io.dealflow.deal;

import java.util.List;
import java.util.Optional;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;

public interface DealRepository extends JpaRepository<Deal, Long> {

    Optional<Deal> findByProcessInstanceId(String processInstanceId);

    /** The deals a contact takes part in, with their role in each. */
    @Query("select dc from DealContact dc join fetch dc.deal where dc.contact.id = :contactId order by dc.deal.id")
    List<DealContact> findParticipations(Long contactId);

    /** Takes the contact out of every deal; the deals keep their figures and history. */
    @Modifying
    @Query("delete from DealContact dc where dc.contact.id = :contactId")
    int removeContactFromAllDeals(Long contactId);
}

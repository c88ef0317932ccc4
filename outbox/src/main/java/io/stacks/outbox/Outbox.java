package io.stacks.outbox;

import io.stacks.platform.problem.RequestIds;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.Transactional;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.time.Clock;
import java.util.UUID;

/**
 * Records side effects on peers in the caller's transaction: they exist exactly when the change that causes them
 * commits. The relay is woken once the transaction has committed, and delivers them at least once.
 */
@ApplicationScoped
public class Outbox {

    private static final Object WAKE_REGISTERED = new Object();

    private final OutboxStore store;
    private final OutboxRelay relay;
    private final TransactionSynchronizationRegistry transactions;
    private final Clock clock = Clock.systemUTC();

    Outbox(OutboxStore store, OutboxRelay relay, TransactionSynchronizationRegistry transactions) {
        this.store = store;
        this.relay = relay;
        this.transactions = transactions;
    }

    /**
     * Adds the request to the outbox within the current transaction (there must be one).
     *
     * @return the event's id, which the peer receives as {@code Idempotency-Key}
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public String record(PeerRequest request) {
        String id = UUID.randomUUID().toString();
        store.insert(id, request, RequestIds.current(), clock.instant());
        if (transactions.getResource(WAKE_REGISTERED) == null) {
            transactions.putResource(WAKE_REGISTERED, Boolean.TRUE);
            transactions.registerInterposedSynchronization(new Synchronization() {
                @Override
                public void beforeCompletion() {
                }

                @Override
                public void afterCompletion(int status) {
                    if (status == Status.STATUS_COMMITTED) {
                        relay.wake();
                    }
                }
            });
        }
        return id;
    }
}

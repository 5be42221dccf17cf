-- Premium history (FEATURES B10, contract master sheet): each change of a
-- contract's premium from the day it applies, with the reason the insurer
-- or the broker gave. The contract row keeps the current premium; these
-- rows are read through their contract's scope predicate, so they carry
-- no tenant or customer of their own that could disagree with it.
CREATE TABLE premium_history (
    id {ID},
    contract_id BIGINT NOT NULL REFERENCES contracts(id) ON DELETE CASCADE,
    valid_from {DATE} NOT NULL,
    premium_net_minor BIGINT NOT NULL,
    premium_gross_minor BIGINT NOT NULL,
    currency TEXT NOT NULL,
    reason TEXT NOT NULL CHECK (reason IN ('inception', 'adjustment', 'indexation', 'renewal')),
    created_at {TS} NOT NULL,
    UNIQUE (contract_id, valid_from)
);

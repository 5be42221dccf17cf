//! How a bulk batch decides, line by line and in memory, which lines it
//! may insert in bulk: a new customer, contract or object whose
//! references name a live record of the database or one the batch itself
//! makes. Everything else (updates, replays, deletes, other types,
//! references to staff or co-insured) keeps the line-by-line path, and
//! every record such a line touches is no longer known to the plan.

use std::collections::{HashMap, HashSet};

use kp_domain::TenantId;
use kp_storage::Db;
use kp_storage::api::Existing;
use kp_storage::api::bulk_rows::{BulkTable, existing_many};

use super::bulk::{Change, Item};
use super::contracts::ContractData;
use super::customers::CustomerData;
use super::objects::ObjectData;
use super::upsert::missing;
use super::{ApiError, validate};

/// A record by table and external id.
type Key = (BulkTable, String);

/// A reference of a planned line: a record of the database, or one the
/// batch inserts (before the line that names it).
#[derive(Debug, Clone)]
pub(super) enum Ref {
    Stored(i64),
    Made(String),
}

/// A line checked and planned for a multi-row insert.
#[derive(Debug, Clone)]
pub(super) enum Planned {
    Customer(CustomerData),
    Contract(ContractData, Ref),
    Object(ObjectData, Ref),
}

/// What to do with a line.
pub(super) enum Plan {
    /// Insert it with the batch's other new records.
    Bulk(Box<Planned>),
    /// Apply it alone, as a single request would.
    Alone,
    /// Answer it with this problem; nothing is written.
    Fail(ApiError),
}

/// What the batch knows about the records its lines name.
#[derive(Debug, Default)]
pub(super) struct Known {
    /// The look-up's answer: absent means no record (live or deleted).
    stored: HashMap<Key, Existing>,
    /// Records planned for a bulk insert, by this batch or by one before
    /// it that was not yet committed when this one looked up.
    made: HashSet<Key>,
    /// Records a line applied alone may have written: unknown to the plan.
    touched: HashSet<Key>,
    /// What this batch's own lines add to `made` and `touched`.
    own: Carry,
}

/// The records a batch plans to make or may touch, for the plans of the
/// batches after it until it is committed (their look-ups cannot see it
/// before).
#[derive(Debug, Default)]
pub(super) struct Carry {
    made: Vec<Key>,
    touched: Vec<Key>,
}

fn table_of(kind: &str) -> Option<BulkTable> {
    match kind {
        "customer" => Some(BulkTable::Customers),
        "contract" => Some(BulkTable::Contracts),
        "object" => Some(BulkTable::Objects),
        _ => None,
    }
}

impl Known {
    /// One look-up per table of every external id the items name, as
    /// records of their own or as references.
    pub(super) async fn look_up<'a>(
        db: &Db,
        tenant: TenantId,
        items: &[Item],
        in_flight: impl Iterator<Item = &'a Carry>,
    ) -> Result<Known, ApiError> {
        let mut wanted: HashMap<BulkTable, HashSet<&str>> = HashMap::new();
        for item in items {
            let (own, reference) = match &item.change {
                Change::Customer(_) => (BulkTable::Customers, None),
                Change::Contract(d) => (
                    BulkTable::Contracts,
                    Some((BulkTable::Customers, d.customer.as_str())),
                ),
                Change::Object(d) => (
                    BulkTable::Objects,
                    Some((BulkTable::Contracts, d.contract.as_str())),
                ),
                _ => continue,
            };
            wanted
                .entry(own)
                .or_default()
                .insert(item.external_id.as_str());
            if let Some((table, ext)) = reference {
                wanted.entry(table).or_default().insert(ext);
            }
        }
        let mut known = Known::default();
        for (table, exts) in wanted {
            let exts: Vec<&str> = exts.into_iter().collect();
            for (ext, existing) in existing_many(db, table, tenant, &exts).await? {
                known.stored.insert((table, ext), existing);
            }
        }
        for carry in in_flight {
            known.made.extend(carry.made.iter().cloned());
            known.touched.extend(carry.touched.iter().cloned());
        }
        Ok(known)
    }

    /// Whether the record certainly does not exist yet, as far as the lines
    /// before this one are concerned.
    fn is_new(&self, key: &Key) -> bool {
        !self.touched.contains(key) && !self.made.contains(key) && !self.stored.contains_key(key)
    }

    /// A reference to a live record: `None` when the plan cannot tell
    /// (a line applied alone touched it), else the record or a problem.
    fn resolve(&self, key: Key, field: &str) -> Option<Result<Ref, ApiError>> {
        if self.touched.contains(&key) {
            return None;
        }
        if self.made.contains(&key) {
            return Some(Ok(Ref::Made(key.1)));
        }
        Some(match self.stored.get(&key) {
            Some(e) if !e.deleted => Ok(Ref::Stored(e.id)),
            _ => Err(missing(field, &key.1)),
        })
    }

    /// Plans the next line in body order and notes what it will write.
    pub(super) fn plan(&mut self, item: &Item) -> Plan {
        let plan = self.decide(item);
        if let Some(table) = table_of(&item.kind) {
            let key = (table, item.external_id.clone());
            match &plan {
                Plan::Bulk(_) => {
                    self.own.made.push(key.clone());
                    self.made.insert(key);
                }
                Plan::Alone => {
                    self.own.touched.push(key.clone());
                    self.touched.insert(key);
                }
                Plan::Fail(_) => {}
            }
        }
        plan
    }

    fn decide(&self, item: &Item) -> Plan {
        let ext = item.external_id.as_str();
        let Some(table) = table_of(&item.kind) else {
            return Plan::Alone;
        };
        if matches!(item.change, Change::Delete) {
            return Plan::Alone;
        }
        // The checks come first, as in a single upsert.
        if let Err(err) = validate::external_id(ext) {
            return Plan::Fail(err);
        }
        let checked = match &item.change {
            Change::Customer(d) => d.clone().check().map(Planned::Customer),
            Change::Contract(d) => d
                .clone()
                .check()
                .map(|d| Planned::Contract(d, Ref::Stored(0))),
            Change::Object(d) => d
                .clone()
                .check()
                .map(|d| Planned::Object(d, Ref::Stored(0))),
            _ => return Plan::Alone,
        };
        let checked = match checked {
            Ok(c) => c,
            Err(err) => return Plan::Fail(err),
        };
        if !self.is_new(&(table, ext.to_owned())) {
            return Plan::Alone;
        }
        let resolved = match checked {
            Planned::Customer(d) => {
                if d.account_manager.is_some() || d.clerk.is_some() {
                    return Plan::Alone;
                }
                return Plan::Bulk(Box::new(Planned::Customer(d)));
            }
            Planned::Contract(d, _) => {
                let staff =
                    d.account_manager.is_some() || d.clerk.is_some() || d.claims_handler.is_some();
                if staff || !d.co_insured.is_empty() {
                    return Plan::Alone;
                }
                let key = (BulkTable::Customers, d.customer.clone());
                self.resolve(key, "customer")
                    .map(|r| r.map(|r| Planned::Contract(d, r)))
            }
            Planned::Object(d, _) => {
                let key = (BulkTable::Contracts, d.contract.clone());
                self.resolve(key, "contract")
                    .map(|r| r.map(|r| Planned::Object(d, r)))
            }
        };
        match resolved {
            None => Plan::Alone,
            Some(Ok(planned)) => Plan::Bulk(Box::new(planned)),
            Some(Err(err)) => Plan::Fail(err),
        }
    }

    /// What this batch's lines planned, for the batches after it.
    pub(super) fn into_carry(self) -> Carry {
        self.own
    }
}

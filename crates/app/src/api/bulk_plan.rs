//! How a bulk batch decides, line by line and in memory, which lines it
//! may insert in bulk: a new customer, contract or object whose
//! references name a live record of the database or one the batch itself
//! makes. Everything else (updates, replays, deletes, other types,
//! references to staff or co-insured) keeps the line-by-line path, and
//! every record such a line touches is no longer known to the plan.

use std::collections::{HashMap, HashSet};

use kp_domain::TenantId;
use kp_storage::Tx;
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
    /// Records planned for a bulk insert; their id once inserted.
    made: HashMap<Key, Option<i64>>,
    /// Records a line applied alone may have written: unknown to the plan.
    touched: HashSet<Key>,
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
    pub(super) async fn look_up(
        tx: &mut Tx,
        tenant: TenantId,
        items: &[Item],
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
            for (ext, existing) in existing_many(tx, table, tenant, &exts).await? {
                known.stored.insert((table, ext), existing);
            }
        }
        Ok(known)
    }

    /// Whether the record certainly does not exist yet, as far as the lines
    /// before this one are concerned.
    fn is_new(&self, key: &Key) -> bool {
        !self.touched.contains(key)
            && !self.made.contains_key(key)
            && !self.stored.contains_key(key)
    }

    /// A reference to a live record: `None` when the plan cannot tell
    /// (a line applied alone touched it), else the record or a problem.
    fn resolve(&self, key: Key, field: &str) -> Option<Result<Ref, ApiError>> {
        if self.touched.contains(&key) {
            return None;
        }
        if self.made.contains_key(&key) {
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
                    self.made.insert(key, None);
                }
                Plan::Alone => {
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

    /// The id a planned reference stands for, once its group is written.
    pub(super) fn id_of(&self, table: BulkTable, r: &Ref) -> Option<i64> {
        match r {
            Ref::Stored(id) => Some(*id),
            Ref::Made(ext) => self.made.get(&(table, ext.clone())).copied().flatten(),
        }
    }

    /// Records a group's insert gave ids to.
    pub(super) fn record_ids(&mut self, table: BulkTable, ids: HashMap<String, i64>) {
        for (ext, id) in ids {
            self.made.insert((table, ext), Some(id));
        }
    }

    /// A line of a group that was undone and applied line by line: its
    /// record is no longer known.
    pub(super) fn forget(&mut self, item: &Item) {
        if let Some(table) = table_of(&item.kind) {
            let key = (table, item.external_id.clone());
            self.made.remove(&key);
            self.touched.insert(key);
        }
    }
}

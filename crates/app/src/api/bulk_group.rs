//! A run of planned lines of a bulk batch written together: one
//! multi-row insert per table (customers, then the contracts naming them,
//! then the objects naming those) and one of their events, in body order.
//! The statements are built when the batch is planned, before its
//! transaction, so that building them overlaps writing the batch before;
//! a reference to a record inserted by this group or a recent one is
//! filled in just before its insert, from [`MadeIds`].

use std::collections::{HashMap, VecDeque};

use chrono::{DateTime, Utc};
use kp_domain::TenantId;
use kp_storage::api::bulk_rows::{BulkTable, RowsInsert};
use kp_storage::api::contracts::{self as contract_store, ContractValues};
use kp_storage::api::customers::{self as customer_store, CustomerValues};
use kp_storage::api::objects::{self as object_store, ObjectValues};
use kp_storage::events::{self, NewEvent, ResourceLink};
use kp_storage::{Backend, Sql, Tx};

use super::bulk::Item;
use super::bulk_plan::{Planned, Ref};
use super::upsert::Resource;
use super::{ApiError, Outcome, contracts, customers, objects};

/// Planned lines waiting to be built, in body order.
#[derive(Debug, Default)]
pub(super) struct Group {
    pub(super) lines: Vec<(Item, Planned)>,
}

/// A group's statements, built and waiting for its batch's transaction.
#[derive(Debug)]
pub(super) struct BuiltGroup {
    pub(super) lines: Vec<Item>,
    customers: Option<RowsInsert>,
    contracts: Option<Referring>,
    objects: Option<Referring>,
    events: Vec<Sql>,
}

/// Inserts whose rows name records made by the request itself: per such
/// row, the external id of the record its reference stands for.
#[derive(Debug)]
struct Referring {
    rows: RowsInsert,
    made: Vec<(usize, String)>,
}

/// Ids by table and external id.
type Ids = HashMap<BulkTable, HashMap<String, i64>>;

/// The ids of the records the request's recent groups inserted, for
/// references planned before those records had ids. Only the last few
/// transactions are kept: a plan names records of the batches that were
/// not yet committed when it looked up, at most two before its own, each
/// with the retry of its waiting lines (a transaction of its own).
#[derive(Debug, Default)]
pub(super) struct MadeIds {
    batches: VecDeque<Ids>,
}

/// Transactions whose ids are kept: twice the two batches a plan may
/// name, with room to spare (an id not found costs speed, not
/// correctness: its group is applied line by line).
const KEPT: usize = 8;

impl MadeIds {
    /// Starts the ids of the next batch, forgetting the oldest.
    pub(super) fn next_batch(&mut self) {
        if self.batches.len() >= KEPT {
            self.batches.pop_front();
        }
        self.batches.push_back(Ids::new());
    }

    fn get(&self, table: BulkTable, ext: &str) -> Option<i64> {
        self.batches
            .iter()
            .rev()
            .find_map(|ids| ids.get(&table)?.get(ext).copied())
    }

    fn add(&mut self, ids: Ids) {
        if self.batches.is_empty() {
            self.batches.push_back(Ids::new());
        }
        if let Some(last) = self.batches.back_mut() {
            for (table, made) in ids {
                last.entry(table).or_default().extend(made);
            }
        }
    }
}

impl Referring {
    /// Fills in the references to records of `named` the request made
    /// (by this group: `ids`; by an earlier one: `made`), then inserts.
    async fn run(
        mut self,
        tx: &mut Tx,
        named: BulkTable,
        ids: &Ids,
        made: &MadeIds,
    ) -> Result<HashMap<String, i64>, ApiError> {
        for (row, ext) in &self.made {
            let id = ids
                .get(&named)
                .and_then(|m| m.get(ext).copied())
                .or_else(|| made.get(named, ext))
                .ok_or_else(|| internal("a reference"))?;
            self.rows.set_reference(*row, id)?;
        }
        Ok(self.rows.run(tx).await?)
    }
}

fn internal(what: &str) -> ApiError {
    ApiError::App(crate::AppError::Internal(format!(
        "bulk group: {what} has no id"
    )))
}

impl Group {
    pub(super) fn is_empty(&self) -> bool {
        self.lines.is_empty()
    }

    /// Builds the group's inserts and events.
    pub(super) fn build(
        self,
        backend: Backend,
        tenant: TenantId,
        at: DateTime<Utc>,
    ) -> Result<BuiltGroup, ApiError> {
        let customers: Vec<(&str, CustomerValues<'_>)> = self
            .lines
            .iter()
            .filter_map(|(item, p)| match p {
                Planned::Customer(d) => Some((item.external_id.as_str(), customer_values(d))),
                _ => None,
            })
            .collect();
        let customers = (!customers.is_empty())
            .then(|| customer_store::build_insert(backend, tenant, &customers, at));
        let mut contracts = Vec::new();
        let mut contract_refs = Vec::new();
        for (item, p) in &self.lines {
            if let Planned::Contract(d, r) = p {
                let customer_id = reference(r, contracts.len(), &mut contract_refs);
                contracts.push((item.external_id.as_str(), contract_values(d, customer_id)));
            }
        }
        let contracts = (!contracts.is_empty()).then(|| Referring {
            rows: contract_store::build_insert(backend, tenant, &contracts, at),
            made: contract_refs,
        });
        let mut objects = Vec::new();
        let mut object_refs = Vec::new();
        for (item, p) in &self.lines {
            if let Planned::Object(d, r) = p {
                let contract_id = reference(r, objects.len(), &mut object_refs);
                objects.push((item.external_id.as_str(), object_values(d, contract_id)));
            }
        }
        let objects = (!objects.is_empty()).then(|| Referring {
            rows: object_store::build_insert(backend, tenant, &objects, at),
            made: object_refs,
        });
        let links: Vec<(&Resource, String)> = self
            .lines
            .iter()
            .map(|(item, p)| {
                let resource = resource_of(p);
                (
                    resource,
                    super::link(resource.collection, &item.external_id),
                )
            })
            .collect();
        let new: Vec<NewEvent<'_>> = self
            .lines
            .iter()
            .zip(&links)
            .map(|((item, _), (resource, link))| NewEvent {
                event_type: format!("{}.{}", resource.kind, Outcome::Created.as_str()),
                resource: ResourceLink {
                    kind: resource.kind,
                    link,
                },
                payload: serde_json::json!({ "external_id": item.external_id }),
            })
            .collect();
        let events = events::build_many(backend, tenant, &new, at).map_err(ApiError::from)?;
        drop(new);
        drop(links);
        Ok(BuiltGroup {
            lines: self.lines.into_iter().map(|(item, _)| item).collect(),
            customers,
            contracts,
            objects,
            events,
        })
    }
}

/// A reference's id when the plan knows it; else it is noted for row
/// `row` and filled in before the insert.
fn reference(r: &Ref, row: usize, made: &mut Vec<(usize, String)>) -> i64 {
    match r {
        Ref::Stored(id) => *id,
        Ref::Made(ext) => {
            made.push((row, ext.clone()));
            0
        }
    }
}

impl BuiltGroup {
    /// Inserts the group's records and events; `made` learns their ids.
    /// On an error the caller undoes the group (it runs under a savepoint)
    /// and `made` is unchanged.
    pub(super) async fn write(&mut self, tx: &mut Tx, made: &mut MadeIds) -> Result<(), ApiError> {
        let mut ids = Ids::new();
        if let Some(rows) = self.customers.take() {
            ids.insert(BulkTable::Customers, rows.run(tx).await?);
        }
        if let Some(contracts) = self.contracts.take() {
            let new = contracts.run(tx, BulkTable::Customers, &ids, made).await?;
            ids.insert(BulkTable::Contracts, new);
        }
        if let Some(objects) = self.objects.take() {
            let new = objects.run(tx, BulkTable::Contracts, &ids, made).await?;
            ids.insert(BulkTable::Objects, new);
        }
        events::append_built(tx, std::mem::take(&mut self.events)).await?;
        made.add(ids);
        Ok(())
    }
}

fn resource_of(p: &Planned) -> &'static Resource {
    match p {
        Planned::Customer(_) => &customers::RESOURCE,
        Planned::Contract(..) => &contracts::RESOURCE,
        Planned::Object(..) => &objects::RESOURCE,
    }
}

/// A new customer's values; the plan let through only customers without
/// staff references.
fn customer_values(d: &customers::CustomerData) -> CustomerValues<'_> {
    CustomerValues {
        kind: d.kind.as_str(),
        salutation: &d.salutation,
        first_name: &d.first_name,
        last_name: &d.last_name,
        company_name: &d.company_name,
        display_name: &d.display_name,
        birth_date: d.birth_date,
        street: &d.street,
        postal_code: &d.postal_code,
        city: &d.city,
        country: &d.country,
        email: &d.email,
        phone: &d.phone,
        iban: &d.iban,
        bic: &d.bic,
        account_holder: &d.account_holder,
        account_manager_id: None,
        clerk_id: None,
    }
}

/// A new contract's values; without staff or co-insured (see the plan).
fn contract_values(d: &contracts::ContractData, customer_id: i64) -> ContractValues<'_> {
    ContractValues {
        customer_id,
        policy_number: &d.policy_number,
        line_of_business: d.line_of_business.as_str(),
        contract_type: d.contract_type.as_str(),
        status: d.status.as_str(),
        description: &d.description,
        start_date: d.start_date,
        end_date: d.end_date,
        main_due_date: &d.main_due_date,
        payment_frequency: d.payment_frequency.as_str(),
        premium_net_minor: d.premium_net_minor,
        premium_gross_minor: d.premium_gross_minor,
        currency: &d.currency,
        sum_insured_minor: d.sum_insured_minor,
        deductible_minor: d.deductible_minor,
        account_manager_id: None,
        clerk_id: None,
        claims_handler_id: None,
    }
}

fn object_values(d: &objects::ObjectData, contract_id: i64) -> ObjectValues<'_> {
    ObjectValues {
        contract_id,
        kind: d.kind.as_str(),
        description: &d.description,
        site: &d.site,
        street: &d.street,
        postal_code: &d.postal_code,
        city: &d.city,
        country: &d.country,
        plate: &d.plate,
        vin: &d.vin,
        manufacturer: &d.manufacturer,
        model: &d.model,
        construction_year: d.construction_year,
        value_minor: d.value_minor,
        currency: &d.currency,
    }
}

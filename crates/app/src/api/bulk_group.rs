//! A run of planned lines of a bulk batch written together: one
//! multi-row insert per table (customers, then the contracts naming them,
//! then the objects naming those) and one of their events, in body order.

use chrono::{DateTime, Utc};
use kp_domain::TenantId;
use kp_storage::Tx;
use kp_storage::api::bulk_rows::BulkTable;
use kp_storage::api::contracts::{self as contract_store, ContractValues};
use kp_storage::api::customers::{self as customer_store, CustomerValues};
use kp_storage::api::objects::{self as object_store, ObjectValues};
use kp_storage::events::{self, NewEvent, ResourceLink};

use super::bulk::Item;
use super::bulk_plan::{Known, Planned};
use super::upsert::Resource;
use super::{ApiError, Outcome, contracts, customers, objects};

/// Planned lines waiting to be written, in body order.
#[derive(Debug, Default)]
pub(super) struct Group {
    pub(super) lines: Vec<(Item, Planned)>,
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

    /// Inserts the group's records and events; `known` learns their ids.
    /// On an error the caller undoes the group (it runs under a savepoint).
    pub(super) async fn write(
        &self,
        tx: &mut Tx,
        tenant: TenantId,
        known: &mut Known,
        at: DateTime<Utc>,
    ) -> Result<(), ApiError> {
        let customers: Vec<(&str, CustomerValues<'_>)> = self
            .lines
            .iter()
            .filter_map(|(item, p)| match p {
                Planned::Customer(d) => Some((item.external_id.as_str(), customer_values(d))),
                _ => None,
            })
            .collect();
        if !customers.is_empty() {
            let ids = customer_store::insert_many(tx, tenant, &customers, at).await?;
            known.record_ids(BulkTable::Customers, ids);
        }
        let mut contracts = Vec::new();
        for (item, p) in &self.lines {
            if let Planned::Contract(d, r) = p {
                let customer_id = known
                    .id_of(BulkTable::Customers, r)
                    .ok_or_else(|| internal("a contract's customer"))?;
                contracts.push((item.external_id.as_str(), contract_values(d, customer_id)));
            }
        }
        if !contracts.is_empty() {
            let ids = contract_store::insert_many(tx, tenant, &contracts, at).await?;
            known.record_ids(BulkTable::Contracts, ids);
        }
        let mut objects = Vec::new();
        for (item, p) in &self.lines {
            if let Planned::Object(d, r) = p {
                let contract_id = known
                    .id_of(BulkTable::Contracts, r)
                    .ok_or_else(|| internal("an object's contract"))?;
                objects.push((item.external_id.as_str(), object_values(d, contract_id)));
            }
        }
        if !objects.is_empty() {
            let ids = object_store::insert_many(tx, tenant, &objects, at).await?;
            known.record_ids(BulkTable::Objects, ids);
        }
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
        events::append_many(tx, tenant, &new, at).await?;
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

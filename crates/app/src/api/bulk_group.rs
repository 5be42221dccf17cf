//! A run of planned lines of a bulk batch written together: one
//! multi-row insert per table (customers, then the contracts naming them,
//! then the objects naming those) and one of their events, in body order.

use chrono::{DateTime, Utc};
use kp_domain::TenantId;
use kp_storage::Tx;
use kp_storage::api::bulk_rows::NewRecord;
use kp_storage::api::contracts::{self as contract_store, ContractValues};
use kp_storage::api::customers::{self as customer_store, CustomerValues};
use kp_storage::api::objects::{self as object_store, ObjectValues};
use kp_storage::events::{self, NewEvent, ResourceLink};

use super::bulk::Item;
use super::bulk_plan::Planned;
use super::upsert::Resource;
use super::{ApiError, Outcome, contracts, customers, objects};

/// Planned lines waiting to be written, in body order.
#[derive(Debug, Default)]
pub(super) struct Group {
    pub(super) lines: Vec<(Item, Planned)>,
}

impl Group {
    pub(super) fn is_empty(&self) -> bool {
        self.lines.is_empty()
    }

    /// Inserts the group's records and events: one statement per table
    /// (customers, then the contracts naming them, then the objects naming
    /// those) and one for the events. On an error the caller undoes the
    /// group (it runs under a savepoint).
    pub(super) async fn write(
        &self,
        tx: &mut Tx,
        tenant: TenantId,
        at: DateTime<Utc>,
    ) -> Result<(), ApiError> {
        let mut customers = Vec::new();
        let mut contracts = Vec::new();
        let mut objects = Vec::new();
        for (item, planned) in &self.lines {
            let external_id = item.external_id.as_str();
            match planned {
                Planned::Customer(d) => customers.push(NewRecord {
                    external_id,
                    reference: "",
                    values: customer_values(d),
                }),
                Planned::Contract(d) => contracts.push(NewRecord {
                    external_id,
                    reference: d.customer.as_str(),
                    values: contract_values(d),
                }),
                Planned::Object(d) => objects.push(NewRecord {
                    external_id,
                    reference: d.contract.as_str(),
                    values: object_values(d),
                }),
            }
        }
        customer_store::insert_many(tx, tenant, &customers, at).await?;
        contract_store::insert_many(tx, tenant, &contracts, at).await?;
        object_store::insert_many(tx, tenant, &objects, at).await?;
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
        Planned::Contract(_) => &contracts::RESOURCE,
        Planned::Object(_) => &objects::RESOURCE,
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
/// The customer is found by its external id in the insert.
fn contract_values(d: &contracts::ContractData) -> ContractValues<'_> {
    ContractValues {
        customer_id: 0,
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

/// A new object's values; the contract is found by its external id in
/// the insert.
fn object_values(d: &objects::ObjectData) -> ObjectValues<'_> {
    ObjectValues {
        contract_id: 0,
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

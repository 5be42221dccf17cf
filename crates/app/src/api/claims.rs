//! `PUT/GET/DELETE /api/v1/claims/{external_id}` and the list: a claim
//! names its contract (and object) by external id and carries its status
//! history.

use chrono::{DateTime, NaiveDate, Utc};
use kp_domain::{ClaimStatus, ClaimType, TenantId};
use kp_storage::Tx;
use kp_storage::api::claims::{self as store, ClaimRow, ClaimValues, StatusEntry};
use kp_storage::api::{objects, refs};
use serde::{Deserialize, Serialize};

use super::claim_checklist::{self as extras, ChecklistItem};
use super::contracts::eur;
use super::customers::{corrupt, staff_ref};
use super::upsert::{Resource, missing, written};
use super::validate::{self, Checker};
use super::{ApiError, Caller, ListQuery, Outcome, Page, paginate};
use crate::App;

pub const RESOURCE: Resource = Resource {
    kind: "claim",
    collection: "claims",
    scope: "claims",
};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct StatusChange {
    pub status: ClaimStatus,
    #[serde(default)]
    pub note: String,
    pub changed_at: DateTime<Utc>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ClaimData {
    pub contract: String,
    /// The insured object's external id; it must belong to the contract.
    #[serde(default)]
    pub object: Option<String>,
    #[serde(default)]
    pub broker_claim_number: String,
    #[serde(default)]
    pub insurer_claim_number: String,
    pub date_of_loss: NaiveDate,
    pub reported_on: NaiveDate,
    pub claim_type: ClaimType,
    #[serde(default)]
    pub cause: String,
    #[serde(default)]
    pub place: String,
    #[serde(default)]
    pub description: String,
    pub status: ClaimStatus,
    #[serde(default)]
    pub reserve_minor: i64,
    #[serde(default)]
    pub paid_minor: i64,
    #[serde(default = "eur")]
    pub currency: String,
    #[serde(default)]
    pub handler: Option<String>,
    /// Oldest first.
    #[serde(default)]
    pub status_history: Vec<StatusChange>,
    /// The reference of the portal's claim report this claim answers
    /// (`SM-2026-000123`): the report is linked to the claim and marked
    /// accepted; a claim made when staff accepted that report in the
    /// portal is adopted under this external id, never duplicated.
    /// Left out: the link stays as it is.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub claim_report_reference: Option<String>,
    /// "What we still need from the customer". Left out: the items stay
    /// as they are; given: items are written by key and those not named
    /// are removed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub checklist: Option<Vec<ChecklistItem>>,
}

#[derive(Debug, Clone, Serialize)]
pub struct ClaimDoc {
    pub external_id: String,
    #[serde(flatten)]
    pub data: ClaimData,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

super::schema::record_schema!(ClaimDoc, ClaimData);

impl ClaimData {
    fn check(mut self) -> Result<ClaimData, ApiError> {
        let mut c = Checker::default();
        c.reference("contract", &self.contract);
        if let Some(o) = &self.object {
            c.reference("object", o);
        }
        for (field, value) in [
            ("broker_claim_number", &self.broker_claim_number),
            ("insurer_claim_number", &self.insurer_claim_number),
            ("cause", &self.cause),
            ("place", &self.place),
            ("description", &self.description),
        ] {
            c.text(field, value);
        }
        c.date("date_of_loss", Some(self.date_of_loss));
        c.date("reported_on", Some(self.reported_on));
        if self.reported_on < self.date_of_loss {
            c.fail("reported_on", "before date_of_loss");
        }
        c.not_negative("reserve_minor", Some(self.reserve_minor));
        c.not_negative("paid_minor", Some(self.paid_minor));
        c.currency("currency", &mut self.currency);
        c.staff("handler", &mut self.handler);
        for (i, h) in self.status_history.iter().enumerate() {
            c.text(&format!("status_history[{i}].note"), &h.note);
            c.date(
                &format!("status_history[{i}].changed_at"),
                Some(h.changed_at.date_naive()),
            );
        }
        // Stored to the microsecond on both databases.
        for h in &mut self.status_history {
            h.changed_at = h
                .changed_at
                .with_nanosecond(h.changed_at.nanosecond() / 1000 * 1000)
                .unwrap_or(h.changed_at);
        }
        self.status_history.sort_by_key(|h| h.changed_at);
        if let Some(r) = &self.claim_report_reference {
            c.reference("claim_report_reference", r);
        }
        if let Some(list) = &self.checklist {
            extras::check(&mut c, list);
        }
        c.finish()?;
        Ok(self)
    }

    fn from_row(r: ClaimRow, history: Vec<StatusEntry>, extra: Extras) -> Option<ClaimDoc> {
        let status_history = history
            .into_iter()
            .map(|h| {
                Some(StatusChange {
                    status: ClaimStatus::parse(&h.status).ok()?,
                    note: h.note,
                    changed_at: h.changed_at,
                })
            })
            .collect::<Option<Vec<_>>>()?;
        Some(ClaimDoc {
            data: ClaimData {
                contract: r.contract,
                object: r.object,
                broker_claim_number: r.broker_claim_number,
                insurer_claim_number: r.insurer_claim_number,
                date_of_loss: r.date_of_loss,
                reported_on: r.reported_on,
                claim_type: ClaimType::parse(&r.claim_type).ok()?,
                cause: r.cause,
                place: r.place,
                description: r.description,
                status: ClaimStatus::parse(&r.status).ok()?,
                reserve_minor: r.reserve_minor,
                paid_minor: r.paid_minor,
                currency: r.currency,
                handler: r.handler,
                status_history,
                claim_report_reference: extra.0,
                checklist: Some(extras::from_rows(extra.1)?),
            },
            external_id: r.external_id,
            created_at: r.created_at,
            updated_at: r.updated_at,
        })
    }
}

use chrono::Timelike;

/// A claim's report reference and checklist rows.
type Extras = (Option<String>, Vec<kp_storage::claim_checklist::KeyedItem>);

async fn extras_in(tx: &mut Tx, claim: i64) -> Result<Extras, ApiError> {
    Ok((
        kp_storage::claim_review::reference_of_claim_in(tx, claim).await?,
        kp_storage::claim_checklist::for_claim_in(tx, claim).await?,
    ))
}

async fn extras_of(app: &App, claim: i64) -> Result<Extras, ApiError> {
    Ok((
        kp_storage::claim_review::reference_of_claim(&app.db, claim).await?,
        kp_storage::claim_checklist::keyed(&app.db, claim).await?,
    ))
}

/// Whether the stored claim already says what `data` says.
fn unchanged(stored: &ClaimData, data: &ClaimData) -> bool {
    let core = |d: &ClaimData| ClaimData {
        claim_report_reference: None,
        checklist: None,
        ..d.clone()
    };
    core(stored) == core(data)
        && extras::same_extras(
            &stored.claim_report_reference,
            &stored.checklist,
            &data.claim_report_reference,
            &data.checklist,
        )
}

pub async fn upsert_in(
    tx: &mut Tx,
    tenant: TenantId,
    ext: &str,
    data: ClaimData,
    at: DateTime<Utc>,
) -> Result<Outcome, ApiError> {
    validate::external_id(ext)?;
    let data = data.check()?;
    if let Some(stored) = store::get_in(tx, tenant, ext).await? {
        let history = store::history_in(tx, stored.id).await?;
        let extra = extras_in(tx, stored.id).await?;
        if ClaimData::from_row(stored, history, extra).is_some_and(|d| unchanged(&d.data, &data)) {
            return Ok(Outcome::Unchanged);
        }
    }
    let contract_id = refs::contract(tx, tenant, &data.contract)
        .await?
        .ok_or_else(|| missing("contract", &data.contract))?;
    let object_id = match &data.object {
        Some(o) => {
            let id = refs::object(tx, tenant, o)
                .await?
                .ok_or_else(|| missing("object", o))?;
            if objects::contract_of(tx, id).await? != Some(contract_id) {
                return Err(ApiError::field(
                    "object",
                    format!("object {o:?} is insured under another contract"),
                ));
            }
            Some(id)
        }
        None => None,
    };
    let values = ClaimValues {
        contract_id,
        object_id,
        broker_claim_number: &data.broker_claim_number,
        insurer_claim_number: &data.insurer_claim_number,
        date_of_loss: data.date_of_loss,
        reported_on: data.reported_on,
        claim_type: data.claim_type.as_str(),
        cause: &data.cause,
        place: &data.place,
        description: &data.description,
        status: data.status.as_str(),
        reserve_minor: data.reserve_minor,
        paid_minor: data.paid_minor,
        currency: &data.currency,
        handler_id: staff_ref(tx, tenant, "handler", data.handler.as_deref()).await?,
    };
    let existing = store::existing(tx, tenant, ext).await?;
    let (report, existing) = extras::adopt(
        tx,
        tenant,
        ext,
        data.claim_report_reference.as_deref(),
        existing,
    )
    .await?;
    let id = match existing {
        Some(e) => {
            store::update(tx, e.id, &values, at).await?;
            e.id
        }
        None => store::insert(tx, tenant, ext, &values, at).await?,
    };
    let history: Vec<StatusEntry> = data
        .status_history
        .iter()
        .map(|h| StatusEntry {
            status: h.status.as_str().to_owned(),
            note: h.note.clone(),
            changed_at: h.changed_at,
        })
        .collect();
    store::set_history(tx, id, &history).await?;
    extras::write(tx, id, report, data.checklist.as_deref(), at).await?;
    let outcome = written(existing);
    RESOURCE.event(tx, tenant, ext, outcome, at).await?;
    Ok(outcome)
}

pub async fn delete_in(
    tx: &mut Tx,
    tenant: TenantId,
    ext: &str,
    at: DateTime<Utc>,
) -> Result<Outcome, ApiError> {
    store::delete(tx, tenant, ext, at)
        .await?
        .ok_or(ApiError::NotFound)?;
    RESOURCE
        .event(tx, tenant, ext, Outcome::Deleted, at)
        .await?;
    Ok(Outcome::Deleted)
}

super::upsert::requests!(ClaimData);

pub async fn get(app: &App, caller: &Caller, ext: &str) -> Result<ClaimDoc, ApiError> {
    caller.require(&RESOURCE.read_scope())?;
    let row = store::get(&app.db, caller.tenant, ext)
        .await?
        .ok_or(ApiError::NotFound)?;
    let history = store::history(&app.db, row.id).await?;
    let extra = extras_of(app, row.id).await?;
    ClaimData::from_row(row, history, extra).ok_or_else(corrupt)
}

pub async fn list(app: &App, caller: &Caller, q: &ListQuery) -> Result<Page<ClaimDoc>, ApiError> {
    caller.require(&RESOURCE.read_scope())?;
    let page = q.page()?;
    let rows = store::list(&app.db, caller.tenant, &page).await?;
    let mut with_history = Vec::with_capacity(rows.len());
    for row in rows {
        let h = store::history(&app.db, row.id).await?;
        let e = extras_of(app, row.id).await?;
        with_history.push((row, h, e));
    }
    paginate(
        with_history,
        &page,
        |(r, _, _)| r.id,
        |(r, h, e)| ClaimData::from_row(r, h, e).ok_or_else(corrupt),
    )
}

//! The parts of a claim the portal adds to the sync API (issue 10/11):
//! its "what we still need from you" checklist and the link to the claim
//! report it came from (`claim_report_reference`). A claim upserted with
//! the reference of a report accepted in the portal adopts the claim made
//! there (it takes the back office's external id), so the two never
//! become duplicates.

use chrono::{DateTime, NaiveDate, Utc};
use kp_domain::TenantId;
use kp_storage::Tx;
use kp_storage::api::Existing;
use kp_storage::api::claims as store;
use kp_storage::claim_checklist as items;
use kp_storage::claim_review;
use serde::{Deserialize, Serialize};

use super::ApiError;
use super::upsert::missing;
use super::validate::Checker;

/// Where an item stands: asked for, the customer uploaded a document,
/// or settled by the broker.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum ChecklistStatus {
    Open,
    Received,
    Done,
}

impl ChecklistStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            ChecklistStatus::Open => items::ITEM_OPEN,
            ChecklistStatus::Received => items::ITEM_RECEIVED,
            ChecklistStatus::Done => items::ITEM_DONE,
        }
    }

    fn parse(s: &str) -> Option<ChecklistStatus> {
        [Self::Open, Self::Received, Self::Done]
            .into_iter()
            .find(|c| c.as_str() == s)
    }
}

/// One item of a claim's checklist.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ChecklistItem {
    /// The item's key within the claim: the back office's, or
    /// `portal-<n>` for items the broker's staff added in the portal.
    pub key: String,
    pub text: String,
    #[serde(default)]
    pub due_on: Option<NaiveDate>,
    pub status: ChecklistStatus,
    /// The document the customer uploaded for it (read only; see
    /// `/api/v1/documents/by-id/{id}`).
    #[serde(default)]
    pub document_id: Option<i64>,
}

/// Checks the items: keys present, unique and well formed, text required.
pub(super) fn check(c: &mut Checker, list: &[ChecklistItem]) {
    for (i, item) in list.iter().enumerate() {
        c.reference(&format!("checklist[{i}].key"), &item.key);
        if list[..i].iter().any(|o| o.key == item.key) {
            c.fail(&format!("checklist[{i}].key"), "appears twice");
        }
        c.required(&format!("checklist[{i}].text"), &item.text);
        c.date(&format!("checklist[{i}].due_on"), item.due_on);
    }
}

/// The stored items of claim `claim`.
pub(super) fn from_rows(rows: Vec<items::KeyedItem>) -> Option<Vec<ChecklistItem>> {
    rows.into_iter()
        .map(|r| {
            Some(ChecklistItem {
                key: r.item_key,
                text: r.text,
                due_on: r.due_on,
                status: ChecklistStatus::parse(&r.status)?,
                document_id: r.document_id,
            })
        })
        .collect()
}

/// Whether `incoming` would change nothing on `stored`: fields the
/// request leaves out stay as they are, and document ids are the
/// portal's to set.
pub(super) fn same_extras(
    stored_ref: &Option<String>,
    stored_list: &Option<Vec<ChecklistItem>>,
    in_ref: &Option<String>,
    in_list: &Option<Vec<ChecklistItem>>,
) -> bool {
    if in_ref.is_some() && in_ref != stored_ref {
        return false;
    }
    let Some(incoming) = in_list else {
        return true;
    };
    let Some(stored) = stored_list else {
        return incoming.is_empty();
    };
    incoming.len() == stored.len()
        && incoming.iter().zip(stored).all(|(i, s)| {
            i.key == s.key && i.text == s.text && i.due_on == s.due_on && i.status == s.status
        })
}

/// The report named by `reference` (`None` without one) and, when it was
/// accepted in the portal into a claim not yet known under `ext`, that
/// claim adopted under `ext`: the existing row the upsert then updates.
pub(super) async fn adopt(
    tx: &mut Tx,
    tenant: TenantId,
    ext: &str,
    reference: Option<&str>,
    existing: Option<Existing>,
) -> Result<(Option<i64>, Option<Existing>), ApiError> {
    let Some(reference) = reference else {
        return Ok((None, existing));
    };
    let (report, linked, linked_ext) = claim_review::by_reference_in(tx, tenant.0, reference)
        .await?
        .ok_or_else(|| missing("claim_report_reference", reference))?;
    let taken = || {
        ApiError::field(
            "claim_report_reference",
            format!("report {reference:?} belongs to another claim"),
        )
    };
    match (linked, existing) {
        // Still the claim the portal made on acceptance: adopted.
        (Some(claim), None) if linked_ext.as_deref() == Some(reference) => {
            store::rename(tx, claim, ext).await?;
            Ok((
                Some(report),
                Some(Existing {
                    id: claim,
                    deleted: false,
                }),
            ))
        }
        (Some(_), None) => Err(taken()),
        (Some(claim), Some(e)) if claim != e.id => Err(taken()),
        (_, existing) => Ok((Some(report), existing)),
    }
}

/// After the claim row is written: links the report and writes the
/// checklist when the request carries one (items not named are removed).
pub(super) async fn write(
    tx: &mut Tx,
    claim: i64,
    report: Option<i64>,
    list: Option<&[ChecklistItem]>,
    at: DateTime<Utc>,
) -> Result<(), ApiError> {
    if let Some(report) = report {
        claim_review::link_accepted(tx, report, claim, at).await?;
    }
    if let Some(list) = list {
        for i in list {
            items::upsert_key(tx, claim, &i.key, &i.text, i.due_on, i.status.as_str(), at).await?;
        }
        let keep: Vec<String> = list.iter().map(|i| i.key.clone()).collect();
        items::retain_keys(tx, claim, &keep).await?;
    }
    Ok(())
}

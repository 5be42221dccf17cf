//! `POST /api/v1/bulk`: NDJSON lines of mixed resources, read and checked
//! here, planned a batch ahead (`bulk_prepare`) and applied in batches
//! (`bulk_batch`), each batch in one transaction. A line whose reference
//! is missing is kept and retried after each later batch and at the end,
//! so a record may be defined further down in the same body. Every line
//! gets one result.

use serde::{Deserialize, Serialize};

use super::bulk_apply::in_data;
use super::bulk_group::MadeIds;
use super::bulk_prepare::Prepared;
use super::validate::parse_json;
use super::{
    ApiError, Caller, Outcome, claims, contracts, customers, finance, objects, organizations,
    rates, staff,
};
use crate::App;

/// Raw lines held for a retry at most (bytes), so that a body full of
/// dangling references cannot fill the memory.
pub const MAX_DEFERRED_BYTES: usize = 64 * 1024 * 1024;

/// One line of a bulk body: an upsert (`data` in the resource's shape)
/// or a delete of one record.
#[derive(Debug, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(as = BulkLine)]
pub struct RawLine {
    /// `customer`, `contract`, `object`, `claim`, `finance_item`.
    #[serde(rename = "type")]
    kind: String,
    external_id: String,
    #[serde(default)]
    op: Op,
    /// The record in the shape of its resource's PUT body (not for a delete).
    #[serde(default)]
    #[schema(value_type = Option<Object>)]
    data: Option<Box<serde_json::value::RawValue>>,
}

#[derive(Debug, Default, Deserialize, Clone, Copy, PartialEq, Eq, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
#[schema(as = BulkOp)]
pub enum Op {
    #[default]
    Upsert,
    Delete,
}

/// A line read and checked for shape, waiting to be applied.
#[derive(Debug, Clone)]
pub(super) enum Change {
    Customer(customers::CustomerData),
    Contract(contracts::ContractData),
    Object(objects::ObjectData),
    Claim(claims::ClaimData),
    Finance(finance::FinanceData),
    Staff(staff::StaffData),
    Organization(organizations::OrganizationData),
    Rate(rates::RateData),
    Delete,
}

#[derive(Debug, Clone)]
pub(super) struct Item {
    pub(super) line: u64,
    pub(super) kind: String,
    pub(super) external_id: String,
    pub(super) change: Change,
    pub(super) size: usize,
}

/// The answer to one line.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct LineResult {
    pub line: u64,
    #[serde(rename = "type", skip_serializing_if = "String::is_empty")]
    pub kind: String,
    #[serde(skip_serializing_if = "String::is_empty")]
    pub external_id: String,
    /// created, updated, unchanged, deleted, or error.
    pub result: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub error: Option<LineError>,
}

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct LineError {
    pub status: u16,
    #[serde(skip_serializing_if = "String::is_empty")]
    pub field: String,
    pub reason: String,
}

impl LineResult {
    pub(super) fn done(item: &Item, outcome: Outcome) -> LineResult {
        LineResult {
            line: item.line,
            kind: item.kind.clone(),
            external_id: item.external_id.clone(),
            result: outcome.as_str(),
            error: None,
        }
    }

    pub(super) fn error(line: u64, kind: &str, ext: &str, err: &ApiError) -> LineResult {
        let (status, field, reason) = match err {
            ApiError::Invalid(p) => {
                let first = p.first();
                (
                    422,
                    first.map(|f| f.field.clone()).unwrap_or_default(),
                    p.iter()
                        .map(|f| f.reason.clone())
                        .collect::<Vec<_>>()
                        .join("; "),
                )
            }
            ApiError::MissingReference(p) => (422, p.field.clone(), p.reason.clone()),
            ApiError::MissingScope(s) => {
                (403, String::new(), format!("the token lacks the scope {s}"))
            }
            ApiError::NotFound => (404, String::new(), "no such record".to_owned()),
            ApiError::Conflict(m) => (409, String::new(), m.clone()),
            ApiError::TooLarge(m) => (413, String::new(), m.clone()),
            ApiError::Unauthorized => (401, String::new(), err.to_string()),
            ApiError::App(e) => {
                tracing::error!(error = %e, line, "bulk line failed");
                (500, String::new(), "internal error".to_owned())
            }
        };
        LineResult {
            line,
            kind: kind.to_owned(),
            external_id: ext.to_owned(),
            result: "error",
            error: Some(LineError {
                status,
                field,
                reason,
            }),
        }
    }
}

/// One bulk request in progress: the writing side.
pub struct Bulk {
    pub(super) caller: Caller,
    pub(super) deferred: Vec<Item>,
    pub(super) deferred_bytes: usize,
    pub(super) made: MadeIds,
}

impl Bulk {
    pub fn new(caller: Caller) -> Bulk {
        Bulk {
            caller,
            deferred: Vec::new(),
            deferred_bytes: 0,
            made: MadeIds::default(),
        }
    }

    /// Applies a batch planned by [`super::bulk_prepare::Planner`] in one
    /// transaction, then retries the lines waiting for a reference.
    /// Results of lines still waiting come later.
    pub async fn batch(
        &mut self,
        app: &App,
        prepared: Prepared,
    ) -> Result<Vec<LineResult>, ApiError> {
        let Prepared {
            steps,
            mut results,
            at,
            ..
        } = prepared;
        let applied = self.execute(app, steps, true, at).await?;
        results.extend(applied);
        if !self.deferred.is_empty() {
            let waiting = std::mem::take(&mut self.deferred);
            self.deferred_bytes = 0;
            results.extend(self.apply(app, waiting, true).await?);
        }
        Ok(results)
    }

    /// The end of the body: lines still waiting fail with their missing
    /// reference.
    pub async fn finish(mut self, app: &App) -> Result<Vec<LineResult>, ApiError> {
        let waiting = std::mem::take(&mut self.deferred);
        self.apply(app, waiting, false).await
    }
}

/// A batch of lines read and checked, ready for
/// [`super::bulk_prepare::Planner::prepare`]. Reading
/// needs no database, so the next batch is read while one is applied
/// (issue 11: reading was a sixth of a bulk load's time).
pub struct Parsed {
    items: Vec<Item>,
    results: Vec<LineResult>,
}

impl Parsed {
    /// Reads the lines (number, text); `refused` are lines answered
    /// already (too long), in order before the rest.
    pub fn read(caller: &Caller, lines: Vec<(u64, Vec<u8>)>, refused: Vec<LineResult>) -> Parsed {
        let mut results = refused;
        let mut items = Vec::with_capacity(lines.len());
        for (line, text) in lines {
            match parse(caller, line, &text) {
                Ok(item) => items.push(item),
                Err(result) => results.push(*result),
            }
        }
        Parsed { items, results }
    }

    pub fn is_empty(&self) -> bool {
        self.items.is_empty() && self.results.is_empty()
    }

    pub(super) fn into_parts(self) -> (Vec<Item>, Vec<LineResult>) {
        (self.items, self.results)
    }
}

/// One line read and checked for shape and the caller's write scope.
fn parse(caller: &Caller, line: u64, text: &[u8]) -> Result<Item, Box<LineResult>> {
    let raw: RawLine =
        parse_json(text).map_err(|e| Box::new(LineResult::error(line, "", "", &e)))?;
    let fail = |e: ApiError| Box::new(LineResult::error(line, &raw.kind, &raw.external_id, &e));
    let resource = match raw.kind.as_str() {
        "customer" => customers::RESOURCE,
        "contract" => contracts::RESOURCE,
        "object" => objects::RESOURCE,
        "claim" => claims::RESOURCE,
        "finance_item" => finance::RESOURCE,
        "staff" => staff::RESOURCE,
        "organization" => organizations::RESOURCE,
        "exchange_rate" => rates::RESOURCE,
        other => {
            return Err(fail(ApiError::field(
                "type",
                format!(
                    "unknown type {other:?}: customer, contract, object, claim, \
                     finance_item, staff, organization or exchange_rate"
                ),
            )));
        }
    };
    caller.require(&resource.write_scope()).map_err(&fail)?;
    let change = match (raw.op, &raw.data) {
        (Op::Delete, None) => Change::Delete,
        (Op::Delete, Some(_)) => {
            return Err(fail(ApiError::field("data", "a delete carries no data")));
        }
        (Op::Upsert, None) => return Err(fail(ApiError::field("data", "missing"))),
        (Op::Upsert, Some(data)) => {
            // Read from the line's own text: no JSON tree is built.
            let data = data.get().as_bytes();
            let read = |to: fn(&[u8]) -> Result<Change, ApiError>| {
                to(data).map_err(in_data).map_err(&fail)
            };
            match raw.kind.as_str() {
                "customer" => read(|d| parse_json(d).map(Change::Customer))?,
                "contract" => read(|d| parse_json(d).map(Change::Contract))?,
                "object" => read(|d| parse_json(d).map(Change::Object))?,
                "claim" => read(|d| parse_json(d).map(Change::Claim))?,
                "staff" => read(|d| parse_json(d).map(Change::Staff))?,
                "organization" => read(|d| parse_json(d).map(Change::Organization))?,
                "exchange_rate" => read(|d| parse_json(d).map(Change::Rate))?,
                _ => read(|d| parse_json(d).map(Change::Finance))?,
            }
        }
    };
    let RawLine {
        kind, external_id, ..
    } = raw;
    Ok(Item {
        line,
        kind,
        external_id,
        change,
        size: text.len(),
    })
}

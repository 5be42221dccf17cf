//! Planning a bulk batch before its transaction: one look-up of the
//! external ids its lines name (`bulk_plan`), the lines planned in body
//! order, and the statements of its groups built (`bulk_group`).
//!
//! The next batch is planned while the one before it is written (issue
//! 11: the runtime building statements and SQLite executing them had taken
//! turns). Its look-up runs on the read pool and cannot see the batches
//! not yet committed, so the [`Planner`] adds what those planned to make or
//! touch ([`Carry`]); should that differ from what they did (a group
//! refused), the group naming their records finds no id and is applied
//! line by line, as any refused group is.

use std::collections::VecDeque;

use chrono::{DateTime, Utc};
use kp_domain::TenantId;
use kp_storage::Backend;

use super::bulk::{Item, LineResult, Parsed};
use super::bulk_group::{BuiltGroup, Group};
use super::bulk_plan::{Carry, Known, Plan};
use super::{ApiError, Caller};
use crate::App;

/// What a batch's transaction does, in body order.
#[derive(Debug)]
pub(super) enum Step {
    Group(Box<BuiltGroup>),
    /// Lines applied one at a time.
    Alone(Vec<Item>),
    /// A line answered with this problem (or waiting for its reference).
    Fail(Box<(Item, ApiError)>),
}

/// Looks up and plans `items` and builds their groups; also returns what
/// they plan to make or touch, for the batches planned after them.
pub(super) async fn prepare<'a>(
    app: &App,
    tenant: TenantId,
    items: Vec<Item>,
    in_flight: impl Iterator<Item = &'a Carry>,
    at: DateTime<Utc>,
) -> Result<(Vec<Step>, Carry), ApiError> {
    let known = Known::look_up(&app.db, tenant, &items, in_flight).await?;
    let backend = app.db.backend();
    // Planning and building are pure computation of some milliseconds
    // per batch: off the runtime's threads, so that the task writing the
    // batch before is never kept waiting for one (and SQLite with it).
    tokio::task::spawn_blocking(move || plan(known, items, backend, tenant, at))
        .await
        .map_err(|e| ApiError::App(crate::AppError::Internal(format!("bulk planning: {e}"))))?
}

fn plan(
    mut known: Known,
    items: Vec<Item>,
    backend: Backend,
    tenant: TenantId,
    at: DateTime<Utc>,
) -> Result<(Vec<Step>, Carry), ApiError> {
    let mut steps = Vec::new();
    let mut group = Group::default();
    let mut alone: Vec<Item> = Vec::new();
    for item in items {
        match known.plan(&item) {
            Plan::Bulk(planned) => {
                if !alone.is_empty() {
                    steps.push(Step::Alone(std::mem::take(&mut alone)));
                }
                group.lines.push((item, *planned));
            }
            Plan::Alone => {
                if !group.is_empty() {
                    let built = std::mem::take(&mut group).build(backend, tenant, at)?;
                    steps.push(Step::Group(Box::new(built)));
                }
                alone.push(item);
            }
            Plan::Fail(err) => {
                // A failed line writes nothing, so the order around it
                // does not matter; it is answered where it stands.
                steps.push(Step::Fail(Box::new((item, err))));
            }
        }
    }
    if !group.is_empty() {
        steps.push(Step::Group(Box::new(group.build(backend, tenant, at)?)));
    }
    if !alone.is_empty() {
        steps.push(Step::Alone(alone));
    }
    Ok((steps, known.into_carry()))
}

/// A batch planned by [`Planner::prepare`], for [`super::bulk::Bulk::batch`].
#[derive(Debug)]
pub struct Prepared {
    seq: u64,
    pub(super) steps: Vec<Step>,
    pub(super) results: Vec<LineResult>,
    pub(super) at: DateTime<Utc>,
}

impl Prepared {
    /// The batch's number in its request, counted from 1: once the batch
    /// is committed, hand it to [`Planner::prepare`] as `committed`.
    pub fn seq(&self) -> u64 {
        self.seq
    }
}

/// Plans a request's batches, one ahead of the one being written.
pub struct Planner {
    tenant: TenantId,
    /// What the batches not yet known to be committed plan, oldest first.
    in_flight: VecDeque<(u64, Carry)>,
    last: u64,
}

impl Planner {
    pub fn new(caller: &Caller) -> Planner {
        Planner {
            tenant: caller.tenant,
            in_flight: VecDeque::new(),
            last: 0,
        }
    }

    /// Plans the next batch. `committed` is the number of the last batch
    /// whose transaction has committed (0 for none), read before this
    /// call: the look-up sees it and every batch before it.
    pub async fn prepare(
        &mut self,
        app: &App,
        parsed: Parsed,
        committed: u64,
    ) -> Result<Prepared, ApiError> {
        while self
            .in_flight
            .front()
            .is_some_and(|(seq, _)| *seq <= committed)
        {
            self.in_flight.pop_front();
        }
        let (items, results) = parsed.into_parts();
        let at = app.clock.now();
        let carried = self.in_flight.iter().map(|(_, carry)| carry);
        let (steps, carry) = prepare(app, self.tenant, items, carried, at).await?;
        self.last += 1;
        self.in_flight.push_back((self.last, carry));
        Ok(Prepared {
            seq: self.last,
            steps,
            results,
            at,
        })
    }
}

//! A bulk batch applied in one transaction, from the steps planned for it
//! (`bulk_prepare`): groups of new customers, contracts and objects
//! written together (`bulk_group`), any other line applied alone, as a
//! single request would, between the group before it and the group after
//! it — so records, answers and the order of events are those of the
//! lines applied one at a time.

use chrono::{DateTime, Utc};
use kp_storage::Tx;

use super::bulk::{Bulk, Item, LineResult, MAX_DEFERRED_BYTES};
use super::bulk_apply::{apply_one, in_data};
use super::bulk_group::BuiltGroup;
use super::bulk_prepare::{Step, prepare};
use super::{ApiError, Outcome};
use crate::App;

impl Bulk {
    /// Plans and applies items in one transaction, with nothing else in
    /// flight (the retries of waiting lines, the end of the body). With
    /// `may_defer`, a line with a missing reference waits for a later
    /// round instead of failing.
    pub(super) async fn apply(
        &mut self,
        app: &App,
        items: Vec<Item>,
        may_defer: bool,
    ) -> Result<Vec<LineResult>, ApiError> {
        if items.is_empty() {
            return Ok(Vec::new());
        }
        let at = app.clock.now();
        let (steps, _) = prepare(app, self.caller.tenant, items, std::iter::empty(), at).await?;
        self.execute(app, steps, may_defer, at).await
    }

    /// Applies planned steps in one transaction.
    pub(super) async fn execute(
        &mut self,
        app: &App,
        steps: Vec<Step>,
        may_defer: bool,
        at: DateTime<Utc>,
    ) -> Result<Vec<LineResult>, ApiError> {
        if steps.is_empty() {
            return Ok(Vec::new());
        }
        self.made.next_batch();
        let mut tx = app.db.begin().await?;
        let mut results = Vec::new();
        for step in steps {
            match step {
                Step::Group(group) => {
                    let written = self.write_group(&mut tx, *group, may_defer, at);
                    results.extend(written.await?);
                }
                Step::Alone(items) => {
                    results.extend(self.apply_run(&mut tx, items, may_defer, at).await?);
                }
                Step::Fail(failed) => {
                    let (item, err) = *failed;
                    self.failed(item, err, may_defer, &mut results);
                }
            }
        }
        tx.commit().await?;
        Ok(results)
    }

    /// Writes a group under a savepoint. Should the database refuse it (a
    /// record another request made meanwhile, a constraint) or a record it
    /// names have no id (its own group was refused), the group is undone
    /// and its lines are applied one by one, so that only the bad line
    /// fails.
    async fn write_group(
        &mut self,
        tx: &mut Tx,
        mut group: BuiltGroup,
        may_defer: bool,
        now: DateTime<Utc>,
    ) -> Result<Vec<LineResult>, ApiError> {
        tx.savepoint("bulk_group").await?;
        match group.write(tx, &mut self.made).await {
            Ok(()) => {
                tx.release("bulk_group").await?;
                Ok(group
                    .lines
                    .iter()
                    .map(|item| LineResult::done(item, Outcome::Created))
                    .collect())
            }
            Err(err) => {
                tracing::debug!(error = %err, "bulk group refused; applying its lines one by one");
                tx.rollback_to("bulk_group").await?;
                tx.release("bulk_group").await?;
                self.apply_each(tx, group.lines, may_defer, now).await
            }
        }
    }

    /// Lines applied alone: first all at once under one savepoint (a
    /// savepoint per line costs two statements each); should any line
    /// fail, that is undone and the lines are applied again with a
    /// savepoint around each, so a bad line is undone alone.
    async fn apply_run(
        &mut self,
        tx: &mut Tx,
        items: Vec<Item>,
        may_defer: bool,
        now: DateTime<Utc>,
    ) -> Result<Vec<LineResult>, ApiError> {
        match self.apply_all(tx, &items, now).await? {
            Some(results) => Ok(results),
            None => self.apply_each(tx, items, may_defer, now).await,
        }
    }

    /// Every item under one savepoint: their results, or `None` (and
    /// nothing written) when one failed.
    async fn apply_all(
        &self,
        tx: &mut Tx,
        items: &[Item],
        now: DateTime<Utc>,
    ) -> Result<Option<Vec<LineResult>>, ApiError> {
        tx.savepoint("bulk_batch").await?;
        let mut results = Vec::with_capacity(items.len());
        for item in items {
            match apply_one(tx, &self.caller, item, now).await {
                Ok(outcome) => results.push(LineResult::done(item, outcome)),
                Err(_) => {
                    tx.rollback_to("bulk_batch").await?;
                    tx.release("bulk_batch").await?;
                    return Ok(None);
                }
            }
        }
        tx.release("bulk_batch").await?;
        Ok(Some(results))
    }

    /// Every item under its own savepoint: each bad line is undone alone
    /// and answered (or waits).
    async fn apply_each(
        &mut self,
        tx: &mut Tx,
        items: Vec<Item>,
        may_defer: bool,
        now: DateTime<Utc>,
    ) -> Result<Vec<LineResult>, ApiError> {
        let mut results = Vec::with_capacity(items.len());
        for item in items {
            tx.savepoint("bulk_line").await?;
            match apply_one(tx, &self.caller, &item, now).await {
                Ok(outcome) => {
                    tx.release("bulk_line").await?;
                    results.push(LineResult::done(&item, outcome));
                }
                Err(err) => {
                    tx.rollback_to("bulk_line").await?;
                    tx.release("bulk_line").await?;
                    self.failed(item, err, may_defer, &mut results);
                }
            }
        }
        Ok(results)
    }

    /// A line that failed (nothing of it written): it waits for a later
    /// round when its reference is missing and it may, else it is answered.
    fn failed(
        &mut self,
        item: Item,
        err: ApiError,
        may_defer: bool,
        results: &mut Vec<LineResult>,
    ) {
        let waits = may_defer
            && matches!(err, ApiError::MissingReference(_))
            && self.deferred_bytes + item.size <= MAX_DEFERRED_BYTES;
        if waits {
            self.deferred_bytes += item.size;
            self.deferred.push(item);
        } else {
            let err = in_data(err);
            results.push(LineResult::error(
                item.line,
                &item.kind,
                &item.external_id,
                &err,
            ));
        }
    }
}

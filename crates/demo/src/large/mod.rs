//! The large demo set for load tests: the small set plus 100,000 contracts
//! with 300,000 objects, 30,000 claims, 70,000 finance items and 200,000
//! document records, 5,000 of the contracts in the industrial group (Dr.
//! Stefan B.'s home page is the benchmark case). Deterministic from
//! [`LargeOptions::seed`].
//!
//! Rows go in through `kp_storage::write::bulk`: multi-row inserts with
//! explicit ids after the small set's, in one transaction, generated slice
//! by slice so memory stays flat.

mod audit_log;
mod below;
mod contracts;
mod customers;
mod rows;
mod templates;

use kp_documents::BlobStore;
use kp_storage::write::bulk;
use kp_storage::{Arg, Db, Tx};

use self::contracts::{Gen, Ids};
use self::customers::Owner;
use self::rows::Batch;
use crate::DemoError;
use crate::rng::Rng;
use crate::small::{self, SmallSet};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LargeOptions {
    pub seed: u64,
}

/// How big the bulk part is. Objects (3 per contract), claims (30 %),
/// finance items (70 %) and documents (policy, finance papers, a letter
/// and a photo per claim) follow the contracts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LargeSizes {
    pub customers: u64,
    /// Bulk contracts in total, the group's included.
    pub contracts: u64,
    /// Contracts the industrial group holds in the end, small set included.
    pub group_contracts: u64,
    /// Size of the group's complete policy wording (a single PDF), the
    /// file of the download benchmark.
    pub big_document_bytes: u64,
    /// Entries of the audit log (the audit page's benchmark).
    pub audit_entries: u64,
}

impl LargeSizes {
    pub const FULL: LargeSizes = LargeSizes {
        customers: 20_000,
        contracts: 100_000,
        group_contracts: 5_000,
        big_document_bytes: 10 * 1024 * 1024,
        audit_entries: 200_000,
    };

    /// The full set divided by `divisor`, for quick smoke runs.
    pub fn scaled(divisor: u64) -> LargeSizes {
        let d = divisor.max(1);
        LargeSizes {
            customers: Self::FULL.customers / d,
            contracts: Self::FULL.contracts / d,
            group_contracts: Self::FULL.group_contracts / d,
            big_document_bytes: Self::FULL.big_document_bytes / d,
            audit_entries: Self::FULL.audit_entries / d,
        }
    }
}

/// Reports progress of a long load (the CLI draws a bar).
pub trait Progress {
    /// A new stage with `total` units of work.
    fn stage(&self, name: &str, total: u64);
    fn advance(&self, n: u64);
}

/// A [`Progress`] that reports nothing.
#[derive(Debug, Clone, Copy, Default)]
pub struct NoProgress;

impl Progress for NoProgress {
    fn stage(&self, _name: &str, _total: u64) {}
    fn advance(&self, _n: u64) {}
}

/// What the bulk part added.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct LargeSummary {
    pub customers: u64,
    pub contracts: u64,
    pub objects: u64,
    pub claims: u64,
    pub claim_status_entries: u64,
    pub finance_items: u64,
    pub documents: u64,
    /// Contracts of the industrial group in total (small set included).
    pub group_contracts: u64,
    /// Audit log entries of the bulk part.
    pub audit_entries: u64,
}

/// Loads the small set and the full bulk set into an empty database.
pub async fn seed_large(
    db: &Db,
    blobs: &BlobStore,
    opts: &LargeOptions,
    progress: &dyn Progress,
) -> Result<LargeSummary, DemoError> {
    seed_large_with(db, blobs, opts, &LargeSizes::FULL, progress).await
}

/// [`seed_large`] with other sizes.
pub async fn seed_large_with(
    db: &Db,
    blobs: &BlobStore,
    opts: &LargeOptions,
    sizes: &LargeSizes,
    progress: &dyn Progress,
) -> Result<LargeSummary, DemoError> {
    if !crate::is_empty(db).await? {
        return Err(DemoError::NotEmpty);
    }
    progress.stage("small set", 1);
    let hashes = crate::hash_passwords().await?;
    let (tx, small) = small::seed_small(db.begin().await?, blobs, hashes).await?;
    tx.commit().await?;
    progress.advance(1);
    let templates = templates::store_all(blobs, sizes.big_document_bytes).await?;
    let mut tx = db.begin().await?;
    let rng = Rng::new(opts.seed);
    let owners =
        insert_customers(&mut tx, &mut rng.fork(1), &small, sizes.customers, progress).await?;
    let ids = first_ids(&mut tx).await?;
    let mut generator = Gen {
        rng: rng.fork(2),
        ids,
        small: &small,
        templates: &templates,
        jens: small.jens,
    };
    let group_new = sizes
        .group_contracts
        .saturating_sub(small.group_contracts)
        .min(sizes.contracts);
    insert_contracts(
        &mut tx,
        &mut generator,
        &owners,
        group_new,
        sizes.contracts,
        progress,
    )
    .await?;
    let targets = (
        bulk::max_id(&mut tx, "customers").await?,
        bulk::max_id(&mut tx, "documents").await?,
    );
    let audit_entries = audit_log::insert(
        &mut tx,
        &mut rng.fork(3),
        &small,
        sizes.audit_entries,
        targets,
        progress,
    )
    .await?;
    bulk::reset_id_sequences(&mut tx, rows::WITH_IDS).await?;
    tx.commit().await?;
    let end = generator.ids;
    Ok(LargeSummary {
        customers: owners.len() as u64,
        contracts: (end.contract - ids.contract) as u64,
        objects: (end.object - ids.object) as u64,
        claims: (end.claim - ids.claim) as u64,
        claim_status_entries: (end.history - ids.history) as u64,
        finance_items: (end.finance - ids.finance) as u64,
        documents: (end.document - ids.document) as u64,
        group_contracts: small.group_contracts + group_new,
        audit_entries,
    })
}

async fn first_ids(tx: &mut Tx) -> Result<Ids, DemoError> {
    Ok(Ids {
        contract: bulk::max_id(tx, "contracts").await? + 1,
        object: bulk::max_id(tx, "insured_objects").await? + 1,
        claim: bulk::max_id(tx, "claims").await? + 1,
        history: bulk::max_id(tx, "claim_status_history").await? + 1,
        finance: bulk::max_id(tx, "finance_items").await? + 1,
        document: bulk::max_id(tx, "documents").await? + 1,
    })
}

const CUSTOMER_SLICE: u64 = 5_000;
const CONTRACT_SLICE: u64 = 2_500;

async fn insert_customers(
    tx: &mut Tx,
    rng: &mut Rng,
    small: &SmallSet,
    n: u64,
    progress: &dyn Progress,
) -> Result<Vec<Owner>, DemoError> {
    progress.stage("customers", n);
    let mut next = bulk::max_id(tx, "customers").await? + 1;
    let mut owners = Vec::with_capacity(n as usize);
    let mut done = 0;
    while done < n {
        let count = CUSTOMER_SLICE.min(n - done);
        let mut values: Vec<Vec<Arg>> = Vec::with_capacity(count as usize);
        for _ in 0..count {
            let (owner, row) = customers::generate(rng, next, small);
            next += 1;
            owners.push(owner);
            values.push(row);
        }
        bulk::insert_rows(tx, "customers", rows::CUSTOMERS, &values).await?;
        done += count;
        progress.advance(count);
    }
    Ok(owners)
}

/// The group's new contracts first (spread over its companies), then the
/// rest over the generated customers.
async fn insert_contracts(
    tx: &mut Tx,
    generator: &mut Gen<'_>,
    owners: &[Owner],
    group_new: u64,
    total: u64,
    progress: &dyn Progress,
) -> Result<(), DemoError> {
    progress.stage("contracts", total);
    let group = customers::group_owners(generator.small);
    let mut i = 0;
    while i < total {
        let end = (i + CONTRACT_SLICE).min(total);
        let mut batch = Batch::default();
        for n in i..end {
            let owner = if n < group_new || owners.is_empty() {
                group.get(n as usize % group.len().max(1))
            } else {
                owners.get(((n - group_new) % owners.len() as u64) as usize)
            };
            if let Some(owner) = owner {
                generator.contract(n, owner, n < group_new, &mut batch);
            }
        }
        batch.insert(tx).await?;
        progress.advance(end - i);
        i = end;
    }
    Ok(())
}

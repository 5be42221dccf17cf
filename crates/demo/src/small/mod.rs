//! The small demo set: a broker with two tenants, about 40 customers (among
//! them the people of the user journeys) and 150 contracts with objects,
//! claims, finance items, real PDF documents and chats. Everything is fixed
//! or drawn from a PRNG with a fixed seed, so every run yields the same rows.

mod after_report;
mod audit;
mod base;
mod build;
mod business;
mod certificates;
mod chat_texts;
mod claims;
mod docs;
mod group;
mod group_claims;
mod group_objects;
mod home;
mod household;
mod objects;
mod people;
mod private;
mod programmes;
mod records;
mod tasks;

use kp_documents::BlobStore;
use kp_domain::{ClaimId, CustomerId, ObjectId, PortalUserId, StaffUserId, TenantId};
use kp_storage::Tx;

pub(crate) use base::{Base, Hashes};
pub(crate) use build::{ContractRef, CustomerRef};
pub(crate) use claims::path as claim_path;
pub(crate) use group::{AUGSBURG, COMPANIES};
pub(crate) use objects::{plate, vin};
pub(crate) use records::mail_name;

use crate::DemoError;
use crate::rng::Rng;

/// Ids of the small set that the large set builds on.
#[derive(Debug, Clone)]
pub(crate) struct SmallSet {
    pub tenants: [TenantId; 2],
    pub staff: Vec<StaffUserId>,
    pub claims_handler: StaffUserId,
    pub account_manager: StaffUserId,
    pub insurers: Vec<kp_domain::InsurerId>,
    /// The companies of the industrial group, in the order of [`COMPANIES`].
    pub group: Vec<CustomerRef>,
    /// How many contracts the group holds in the small set.
    pub group_contracts: u64,
    pub jens: Option<PortalUserId>,
    /// Portal users of the small set (Martina K., Jens W.), for the large
    /// set's audit log.
    pub portal_users: Vec<PortalUserId>,
}

/// Running numbers for external ids and document numbers.
#[derive(Debug, Default)]
struct Seq {
    customer: u32,
    contract: u32,
    object: u32,
    claim: u32,
    finance: u32,
    document: u32,
}

pub(crate) struct Seeder<'a> {
    pub tx: Tx,
    pub blobs: &'a BlobStore,
    pub rng: Rng,
    pub base: Base,
    seq: Seq,
    /// Objects by site name, for the plant manager's scope.
    pub site_objects: Vec<(String, ObjectId)>,
    pub group: Vec<CustomerRef>,
    pub private_customers: Vec<CustomerId>,
    /// Records the journeys' chats and certificates refer to.
    pub journey: Journey,
}

#[derive(Debug, Default)]
pub(crate) struct Journey {
    pub martina: Option<CustomerRef>,
    pub martina_legal: Option<ContractRef>,
    pub holding: Option<CustomerRef>,
    pub open_cover: Option<ContractRef>,
    /// The machine breakdown in Augsburg: contract, object, claim.
    pub augsburg_claim: Option<(ContractRef, ObjectId, ClaimId)>,
    pub france: Option<CustomerRef>,
    /// Martina K.'s household contents contract and flat (her report
    /// waiting to be accepted) and her windscreen claim (its checklist).
    pub martina_home: Option<(ContractRef, ObjectId)>,
    pub martina_windscreen: Option<ClaimId>,
}

/// Loads the small set inside `tx` (which the caller commits).
pub(crate) async fn seed_small(
    tx: Tx,
    blobs: &BlobStore,
    hashes: Hashes,
) -> Result<(Tx, SmallSet), DemoError> {
    let mut tx = tx;
    let logo = home::group_logo(blobs).await?;
    let base = base::insert(&mut tx, &hashes, logo).await?;
    home::settings(&mut tx).await?;
    let mut s = Seeder {
        tx,
        blobs,
        rng: Rng::new(0x4B55_4E44_454E_2026),
        base,
        seq: Seq::default(),
        site_objects: Vec::new(),
        group: Vec::new(),
        private_customers: Vec::new(),
        journey: Journey::default(),
    };
    private::seed(&mut s).await?;
    group::seed(&mut s).await?;
    let users = people::seed(&mut s, &hashes).await?;
    after_report::seed(&mut s, users.martina).await?;
    tasks::seed(&mut s).await?;
    household::seed(&mut s, &hashes).await?;
    let set = SmallSet {
        tenants: s.base.tenants,
        staff: s.base.staff.all(),
        claims_handler: s.base.staff.sabine,
        account_manager: s.base.staff.thomas,
        insurers: s.base.insurers.clone(),
        group: s.group.clone(),
        group_contracts: programmes::PROGRAMME_COUNT as u64,
        jens: Some(users.jens),
        portal_users: vec![users.martina, users.jens],
    };
    Ok((s.tx, set))
}

//! The writing side: one group (the records of one contract) at a time,
//! inside the caller's transaction. Identities are derived from the file
//! (see docs/gdv-import.md), so a second import finds every record again;
//! within one import the first occurrence of an identity wins, so records
//! delivered twice cannot flip a row back and forth.

use std::collections::{HashMap, HashSet};

use chrono::{DateTime, Utc};
use gdv::records::{Contract, Partner, RiskLevel};
use gdv::{Record, RecordKind, Severity};
use kp_domain::{ContractId, CustomerId, InsurerId, TenantId};
use kp_storage::Tx;
use kp_storage::gdv_import::{self as store, ContractFields, RawRecord};
use sha2::{Digest, Sha256};

use super::group::Group;
use super::map;
use super::parts::{ClaimAcc, add_claim};
use super::report::{ImportReport, KeptRaw, Message};
use crate::AppError;

pub(crate) struct Writer {
    pub(super) tenant: TenantId,
    pub(super) import_id: i64,
    pub(super) file: String,
    pub(super) now: DateTime<Utc>,
    pub(super) report: ImportReport,
    senders: HashMap<String, String>,
    insurers: HashMap<String, InsurerId>,
    pub(super) customers: HashMap<String, CustomerId>,
    contracts: HashMap<String, (ContractId, CustomerId)>,
    /// The first contract of each (VU number, policy number) in this file.
    policies: HashMap<(String, String), (ContractId, CustomerId, String)>,
    pub(super) seen: HashSet<String>,
}

/// A contract of the group, once written.
pub(super) struct Target {
    pub id: ContractId,
    pub customer: CustomerId,
    pub key: String,
    pub sparte: Option<u16>,
}

pub(crate) fn record_type(r: &Record) -> String {
    match (r.layout.sparte, r.sparte) {
        (Some(_), Some(sparte)) => format!("{:04}.{sparte:03}", r.satzart()),
        _ => format!("{:04}", r.satzart()),
    }
}

impl Writer {
    pub fn new(tenant: TenantId, import_id: i64, file: String, now: DateTime<Utc>) -> Writer {
        Writer {
            tenant,
            import_id,
            file,
            now,
            report: ImportReport::default(),
            senders: HashMap::new(),
            insurers: HashMap::new(),
            customers: HashMap::new(),
            contracts: HashMap::new(),
            policies: HashMap::new(),
            seen: HashSet::new(),
        }
    }

    pub fn package(&mut self, vu: String, sender: String) {
        self.senders.entry(vu).or_insert(sender);
    }

    pub(super) fn message(&self, line: u64, kind: &str, message: String) -> Message {
        Message {
            file: self.file.clone(),
            line,
            column: None,
            field: None,
            kind: kind.to_owned(),
            message,
        }
    }

    /// A new identity in this import, numbered when it repeats (`#2` …).
    pub(super) fn numbered(&mut self, base: String) -> String {
        if self.seen.insert(base.clone()) {
            return base;
        }
        let mut n = 2;
        loop {
            let key = format!("{base}#{n}");
            if self.seen.insert(key.clone()) {
                return key;
            }
            n += 1;
        }
    }

    async fn insurer(&mut self, tx: &mut Tx, vu: &str) -> Result<InsurerId, AppError> {
        if let Some(id) = self.insurers.get(vu) {
            return Ok(*id);
        }
        let name = self
            .senders
            .get(vu)
            .filter(|s| !s.is_empty())
            .cloned()
            .unwrap_or_else(|| format!("VU {vu}"));
        let (id, outcome) = store::insurer_by_vu(tx, vu, &name, self.now).await?;
        self.report.written.insurers.add(outcome);
        self.insurers.insert(vu.to_owned(), id);
        Ok(id)
    }

    pub(super) async fn keep_raw(
        &mut self,
        tx: &mut Tx,
        record: &Record,
        target: Option<&Target>,
        reason: &str,
        policy: &str,
    ) -> Result<(), AppError> {
        let content = record.parts_text().join("\n");
        let sha = hex::encode(Sha256::digest(content.as_bytes()));
        let kind = record_type(record);
        let outcome = store::keep_raw(
            tx,
            self.tenant,
            &RawRecord {
                contract: target.map(|t| t.id),
                contract_key: target.map_or("", |t| t.key.as_str()),
                import_id: self.import_id,
                record_type: &kind,
                reason,
                line: i64::try_from(record.line()).unwrap_or(i64::MAX),
                content: &content,
                content_sha256: &sha,
            },
            self.now,
        )
        .await?;
        self.report.written.raw_records.add(outcome);
        self.report.raw(KeptRaw {
            line: record.line(),
            record_type: kind,
            reason: reason.to_owned(),
            policy_number: policy.to_owned(),
        });
        Ok(())
    }

    /// Writes one group.
    pub async fn group(&mut self, tx: &mut Tx, g: Group) -> Result<(), AppError> {
        let broken = g
            .records
            .iter()
            .any(|r| r.problems.iter().any(|p| p.severity >= Severity::Error));
        if broken {
            let line = g.records.first().map_or(0, Record::line);
            let m = self.message(
                line,
                "not_imported",
                format!(
                    "contract {:?}: not imported because fields of its records could not be read; its {} records are kept raw",
                    g.policy,
                    g.records.len()
                ),
            );
            self.report.error(m);
            for r in &g.records {
                self.keep_raw(tx, r, None, "field_errors", &g.policy)
                    .await?;
            }
            return Ok(());
        }
        let insurer = self.insurer(tx, &g.vu).await?;
        let holder = g.records.iter().find_map(|r| match &r.kind {
            RecordKind::Partner(p) if map::is_policy_holder(p) => Some(p.as_ref()),
            _ => None,
        });
        let contracts: Vec<(&Record, &Contract)> = g
            .records
            .iter()
            .filter_map(|r| match &r.kind {
                RecordKind::Contract(c) => Some((r, c.as_ref())),
                _ => None,
            })
            .collect();
        let mut targets = Vec::new();
        if contracts.is_empty() {
            // Only contracts of this file: what the database holds from
            // earlier imports would make the result depend on their order.
            match self.policies.get(&(g.vu.clone(), g.policy.clone())) {
                Some((id, customer, key)) => targets.push(Target {
                    id: *id,
                    customer: *customer,
                    key: key.clone(),
                    sparte: None,
                }),
                None => {
                    let line = g.records.first().map_or(0, Record::line);
                    let m = self.message(
                        line,
                        "no_contract",
                        format!(
                            "records of policy {:?} without a contract (0200) in this file; kept raw",
                            g.policy
                        ),
                    );
                    self.report.warn(m);
                    for r in &g.records {
                        self.keep_raw(tx, r, None, "no_contract", &g.policy).await?;
                    }
                    return Ok(());
                }
            }
        } else {
            let customer = self
                .customer(tx, &g, holder, contracts.first().map(|c| c.1))
                .await?;
            let company = holder.is_some_and(|p| map::customer(p, "").kind == "company");
            for (record, c) in &contracts {
                if let Some(t) = self
                    .contract(tx, &g, record, c, insurer, customer, company)
                    .await?
                {
                    targets.push(t);
                }
            }
        }
        self.children(tx, &g, holder, &targets).await
    }

    #[allow(clippy::too_many_arguments)]
    async fn contract(
        &mut self,
        tx: &mut Tx,
        g: &Group,
        record: &Record,
        c: &Contract,
        insurer: InsurerId,
        customer: CustomerId,
        company: bool,
    ) -> Result<Option<Target>, AppError> {
        let sparte = c.key.sparte;
        let key = format!(
            "gdv:{}:{:03}:{}",
            g.vu,
            sparte.unwrap_or(0),
            c.key.policy_number
        );
        self.report.contract_premium_net_minor += map::cents(c.net_premium);
        if let Some((id, customer)) = self.contracts.get(&key) {
            let m = self.message(
                record.line(),
                "contract_repeated",
                format!("contract {key} delivered again; the first delivery in this file is kept"),
            );
            self.report.warn(m);
            return Ok(Some(Target {
                id: *id,
                customer: *customer,
                key,
                sparte,
            }));
        }
        let Some(start) = map::date(c.start)
            .or_else(|| map::date(c.application_date))
            .or_else(|| map::date(c.change_date))
        else {
            let m = self.message(
                record.line(),
                "not_imported",
                format!("contract {key}: no start date (Vertragsbeginn); kept raw"),
            );
            self.report.error(m);
            self.keep_raw(tx, record, None, "field_errors", &g.policy)
                .await?;
            return Ok(None);
        };
        // The contract part (0210) of the same Sparte adds sum insured and product.
        let part = g.records.iter().find_map(|r| match &r.kind {
            RecordKind::LineOfBusiness(l)
                if l.level == RiskLevel::Contract && l.key.sparte == sparte =>
            {
                Some(l.as_ref())
            }
            _ => None,
        });
        let description = c
            .product_name
            .clone()
            .or_else(|| part.and_then(|p| p.product_name.clone()))
            .unwrap_or_default()
            .trim()
            .to_owned();
        let fields = ContractFields {
            customer_id: customer.0,
            policy_number: c.key.policy_number.clone(),
            insurer_id: Some(insurer.0),
            line_of_business: map::line_of_business(sparte, company).as_str().to_owned(),
            contract_type: "individual".to_owned(),
            status: map::contract_status(c.status.as_ref()).to_owned(),
            description,
            start_date: start,
            end_date: map::date(c.end),
            main_due_date: map::main_due(c.main_due_date),
            payment_frequency: map::payment_frequency(c.payment_frequency.as_ref()).to_owned(),
            premium_net_minor: map::cents(c.net_premium),
            premium_gross_minor: c.gross_premium.or(c.net_premium).map_or(0, |m| m.cents),
            currency: c.currency.as_str().to_owned(),
            sum_insured_minor: part.and_then(|p| p.sum_insured).map(|m| m.cents),
        };
        let (id, outcome) =
            store::upsert_contract(tx, self.tenant, &key, &fields, self.now).await?;
        self.report.written.contracts.add(outcome);
        self.seen.insert(key.clone());
        self.contracts.insert(key.clone(), (id, customer));
        self.policies
            .entry((g.vu.clone(), g.policy.clone()))
            .or_insert((id, customer, key.clone()));
        Ok(Some(Target {
            id,
            customer,
            key,
            sparte,
        }))
    }

    async fn children(
        &mut self,
        tx: &mut Tx,
        g: &Group,
        holder: Option<&Partner>,
        targets: &[Target],
    ) -> Result<(), AppError> {
        let mut claims: Vec<ClaimAcc> = Vec::new();
        for (index, r) in g.records.iter().enumerate() {
            let sparte = r.key().sparte;
            let target = targets
                .iter()
                .find(|t| t.sparte.is_some() && t.sparte == sparte)
                .or(targets.first());
            let Some(target) = target else {
                // The group's only contract could not be imported.
                if !matches!(r.kind, RecordKind::Contract(_)) {
                    self.keep_raw(tx, r, None, "no_contract", &g.policy).await?;
                }
                continue;
            };
            match &r.kind {
                RecordKind::Contract(_) => {}
                RecordKind::Partner(p) if holder.is_some_and(|h| std::ptr::eq(h, p.as_ref())) => {}
                RecordKind::LineOfBusiness(l) => match map::object(l) {
                    Some(mut o) => {
                        o.contract_id = target.id.0;
                        let number = l
                            .object_number
                            .clone()
                            .or_else(|| l.insured_person.as_ref().and_then(|p| p.number.clone()))
                            .unwrap_or_default();
                        let key =
                            self.numbered(format!("{}:{}:{number}", target.key, record_type(r)));
                        let (_, outcome) =
                            store::upsert_object(tx, self.tenant, &key, &o, self.now).await?;
                        self.report.written.objects.add(outcome);
                    }
                    // The contract part went into the contract's columns.
                    None if l.level == RiskLevel::Contract => {}
                    None => {
                        self.keep_raw(tx, r, Some(target), "not_mapped", &g.policy)
                            .await?
                    }
                },
                RecordKind::Claim(c) => add_claim(&mut claims, target, index, r, Some(c), None),
                RecordKind::ClaimSettlement(s) => {
                    add_claim(&mut claims, target, index, r, None, Some(s))
                }
                RecordKind::Collection(c) => self.finance(tx, g, r, c, target).await?,
                RecordKind::Raw(reason) => {
                    let reason = serde_json::to_value(reason)
                        .ok()
                        .and_then(|v| v.as_str().map(str::to_owned))
                        .unwrap_or_else(|| "not_typed".to_owned());
                    self.keep_raw(tx, r, Some(target), &reason, &g.policy)
                        .await?
                }
                _ => {
                    self.keep_raw(tx, r, Some(target), "not_mapped", &g.policy)
                        .await?
                }
            }
        }
        for claim in claims {
            self.claim(tx, g, claim).await?;
        }
        Ok(())
    }
}

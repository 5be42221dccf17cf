//! Claims (0500/0550, gathered per claim number) and finance items (0400)
//! of a group.

use chrono::NaiveDate;
use gdv::Record;
use gdv::codes::ClaimSettlement as Settled;
use gdv::records::{Claim, ClaimSettlement, Collection};
use kp_domain::ContractId;
use kp_storage::Tx;
use kp_storage::gdv_import::{self as store, ClaimFields, FinanceFields};

use super::apply::{Target, Writer};
use super::group::Group;
use super::map;
use crate::AppError;

/// The 0500 processing records and 0550 settlements of one claim, folded
/// into one claim row: dates from the first record that has them, the
/// reserve of the latest processing, payments summed.
pub(super) struct ClaimAcc {
    pub number: String,
    pub contract: ContractId,
    pub contract_key: String,
    pub line: u64,
    /// Indexes of the claim's records in the group.
    pub records: Vec<usize>,
    broker_number: String,
    loss: Option<NaiveDate>,
    reported: Option<NaiveDate>,
    processed: Option<NaiveDate>,
    cause: String,
    description: String,
    status: &'static str,
    reserve: (u64, i64),
    paid: i64,
    currency: String,
}

impl ClaimAcc {
    fn new(number: String, target: &Target, line: u64) -> ClaimAcc {
        ClaimAcc {
            number,
            contract: target.id,
            contract_key: target.key.clone(),
            line,
            records: Vec::new(),
            broker_number: String::new(),
            loss: None,
            reported: None,
            processed: None,
            cause: String::new(),
            description: String::new(),
            status: "reported",
            reserve: (0, 0),
            paid: 0,
            currency: String::new(),
        }
    }

    fn add_claim(&mut self, c: &Claim) {
        fill(&mut self.broker_number, c.broker_claim_number.as_deref());
        fill(&mut self.cause, c.cause.as_deref());
        fill(&mut self.description, c.risk_information.as_deref());
        self.loss = self.loss.or_else(|| map::date(c.loss_date));
        self.reported = self.reported.or_else(|| map::date(c.reported_date));
        self.processed = self.processed.or_else(|| map::date(c.processing_date));
        let process = c.process_number.unwrap_or(0);
        if let Some(reserve) = c.reserve
            && process >= self.reserve.0
        {
            self.reserve = (process, reserve.cents);
        }
        self.paid += map::cents(c.payment);
        if let Some(m) = c.payment.or(c.reserve)
            && self.currency.is_empty()
        {
            self.currency = m.currency.as_str().to_owned();
        }
        match c.settled {
            Some(Settled::Settled) => self.status = "settled",
            Some(Settled::Duplicate) => self.status = "closed",
            _ => {}
        }
    }

    fn add_settlement(&mut self, s: &ClaimSettlement) {
        fill(&mut self.description, s.description.as_deref());
        self.loss = self.loss.or_else(|| map::date(s.loss_date));
        self.reported = self.reported.or_else(|| map::date(s.reported_date));
        let amount = s.amount_share.or(s.amount_total);
        self.paid += map::cents(amount);
        if let Some(m) = amount
            && self.currency.is_empty()
        {
            self.currency = m.currency.as_str().to_owned();
        }
    }

    /// The claim's columns; `None` without any date to place it.
    fn fields(&self) -> Option<ClaimFields> {
        let loss = self.loss.or(self.reported).or(self.processed)?;
        Some(ClaimFields {
            contract_id: self.contract.0,
            broker_claim_number: self.broker_number.clone(),
            insurer_claim_number: self.number.clone(),
            date_of_loss: loss,
            reported_on: self.reported.unwrap_or(loss),
            claim_type: "other".to_owned(),
            cause: self.cause.clone(),
            description: self.description.clone(),
            status: self.status.to_owned(),
            reserve_minor: self.reserve.1,
            paid_minor: self.paid,
            currency: if self.currency.is_empty() {
                "EUR".to_owned()
            } else {
                self.currency.clone()
            },
        })
    }
}

fn fill(into: &mut String, value: Option<&str>) {
    if into.is_empty()
        && let Some(v) = value
    {
        v.trim().clone_into(into);
    }
}

/// Adds a 0500 or 0550 (record `index` of the group) to its claim.
pub(super) fn add_claim(
    claims: &mut Vec<ClaimAcc>,
    target: &Target,
    index: usize,
    r: &Record,
    claim: Option<&Claim>,
    settlement: Option<&ClaimSettlement>,
) {
    let number = claim
        .map(|c| c.claim_number.clone())
        .or_else(|| settlement.map(|s| s.claim_number.clone()))
        .unwrap_or_default();
    let found = claims
        .iter()
        .position(|a| !number.is_empty() && a.number == number && a.contract == target.id);
    let idx = found.unwrap_or_else(|| {
        claims.push(ClaimAcc::new(number, target, r.line()));
        claims.len() - 1
    });
    claims[idx].records.push(index);
    if let Some(c) = claim {
        claims[idx].add_claim(c);
    }
    if let Some(s) = settlement {
        claims[idx].add_settlement(s);
    }
}

impl Writer {
    pub(super) async fn finance(
        &mut self,
        tx: &mut Tx,
        g: &Group,
        r: &Record,
        c: &Collection,
        target: &Target,
    ) -> Result<(), AppError> {
        let Some(issue) = map::date(c.booking_date).or_else(|| map::date(c.period_from)) else {
            let m = self.message(
                r.line(),
                "not_mapped",
                "0400 without booking date or period; kept raw".to_owned(),
            );
            self.report.warn(m);
            return self
                .keep_raw(tx, r, Some(target), "not_mapped", &g.policy)
                .await;
        };
        let due = map::date(c.period_from).unwrap_or(issue);
        let amount = c.gross_premium.or(c.net_premium);
        let cents = map::cents(amount);
        let iso = |d: Option<gdv::GdvDate>| d.map(|d| d.to_iso()).unwrap_or_default();
        let key = self.numbered(format!(
            "{}:0400:{}:{}:{}",
            target.key,
            iso(c.booking_date),
            iso(c.period_from),
            c.booking_kind.as_deref().unwrap_or_default()
        ));
        let fields = FinanceFields {
            customer_id: target.customer.0,
            contract_id: Some(target.id.0),
            kind: if cents < 0 { "credit" } else { "invoice" }.to_owned(),
            number: format!("{}/{}", g.policy, issue.format("%Y%m%d")),
            issue_date: issue,
            due_date: due,
            amount_minor: cents.abs(),
            currency: amount.map_or_else(|| "EUR".to_owned(), |m| m.currency.as_str().to_owned()),
        };
        let (_, outcome) =
            store::upsert_finance_item(tx, self.tenant, &key, &fields, self.now).await?;
        self.report.written.finance_items.add(outcome);
        Ok(())
    }

    pub(super) async fn claim(
        &mut self,
        tx: &mut Tx,
        g: &Group,
        acc: ClaimAcc,
    ) -> Result<(), AppError> {
        let key = if acc.number.is_empty() {
            self.numbered(format!("{}:claim", acc.contract_key))
        } else {
            format!("gdv:{}:claim:{}", g.vu, acc.number)
        };
        let fields = acc.fields();
        let problem = if !acc.number.is_empty() && !self.seen.insert(key.clone()) {
            Some(format!(
                "claim {} delivered again for another contract; the first is kept, these records raw",
                acc.number
            ))
        } else if fields.is_none() {
            Some(format!(
                "claim {}: no date of loss, report or processing; kept raw",
                acc.number
            ))
        } else {
            None
        };
        match (problem, fields) {
            (None, Some(fields)) => {
                let (_, outcome) =
                    store::upsert_claim(tx, self.tenant, &key, &fields, self.now).await?;
                self.report.written.claims.add(outcome);
            }
            (problem, _) => {
                let m = self.message(acc.line, "not_mapped", problem.unwrap_or_default());
                self.report.warn(m);
                let target = Target {
                    id: acc.contract,
                    customer: kp_domain::CustomerId(0),
                    key: acc.contract_key.clone(),
                    sparte: None,
                };
                for i in &acc.records {
                    if let Some(r) = g.records.get(*i) {
                        self.keep_raw(tx, r, Some(&target), "not_mapped", &g.policy)
                            .await?;
                    }
                }
            }
        }
        Ok(())
    }
}

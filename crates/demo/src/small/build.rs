//! The building blocks the small set is written with: customers, contracts
//! (with their policy PDF and premium invoices), objects and claims.

use chrono::{Datelike, NaiveDate};
use kp_domain::{
    ClaimStatus, ContractId, ContractStatus, ContractType, CustomerId, FinanceItemId, FinanceKind,
    LineOfBusiness as L, ObjectId, PaymentFrequency, PremiumChangeReason, StaffUserId,
};
use kp_storage::premium_history::{self, NewPremiumChange};
use kp_storage::write::documents::DocumentContext;
use kp_storage::write::{contracts, customers, finance_items};

use super::{Seeder, docs};
use crate::DemoError;
use crate::calendar::{anchor, at, created, date, due_of, minus_days, plus_days, plus_years};
use crate::lobs::{self, profile};

#[derive(Debug, Clone)]
pub(crate) struct CustomerRef {
    pub id: CustomerId,
    /// 0 = Hamburg, 1 = München.
    pub tenant: usize,
    pub name: String,
    pub address: String,
    pub corporate: bool,
    /// Documents in French (the French subsidiary).
    pub french: bool,
}

#[derive(Debug, Clone)]
pub(crate) struct ContractPlan {
    pub lob: L,
    pub contract_type: ContractType,
    pub status: ContractStatus,
    pub start: NaiveDate,
    pub end: Option<NaiveDate>,
    pub frequency: PaymentFrequency,
    /// Yearly net premium in minor units.
    pub net: i64,
    pub currency: &'static str,
    pub sum_insured: Option<i64>,
    pub deductible: Option<i64>,
    pub insurer: usize,
    pub description: String,
}

#[derive(Debug, Clone)]
pub(crate) struct ContractRef {
    pub id: ContractId,
    pub customer: CustomerRef,
    pub plan: ContractPlan,
    pub policy_number: String,
    pub gross: i64,
}

#[derive(Debug, Clone)]
pub(crate) struct ClaimPlan {
    pub object: Option<ObjectId>,
    pub claim_type: &'static str,
    pub cause: &'static str,
    pub place: String,
    pub description: String,
    pub date_of_loss: NaiveDate,
    pub status: ClaimStatus,
    pub reserve: i64,
    pub paid: i64,
}

pub(super) const POLICY_PREFIX: &[&str] = &[
    "NS", "HFK", "ALP", "RL", "ERS", "IKV", "TMA", "TAS", "MRA", "BRV", "ACIC",
];

impl Seeder<'_> {
    pub(super) fn next(&mut self, kind: char) -> u32 {
        let seq = &mut self.seq;
        let n = match kind {
            'K' => &mut seq.customer,
            'V' => &mut seq.contract,
            'O' => &mut seq.object,
            'S' => &mut seq.claim,
            'F' => &mut seq.finance,
            _ => &mut seq.document,
        };
        *n += 1;
        *n
    }

    /// Inserts a customer of tenant `tenant` (0 = Hamburg, 1 = München);
    /// the external id, tenant and staff fields of `new` are filled in here.
    pub(super) async fn add_customer(
        &mut self,
        mut new: customers::NewCustomer,
        tenant: usize,
        french: bool,
    ) -> Result<CustomerRef, DemoError> {
        new.external_id = format!("KD-{:06}", 100_000 + self.next('K'));
        new.tenant_id = self.base.tenants[tenant.min(1)];
        let corporate = new.kind == kp_domain::CustomerKind::Company;
        let staff = self.base.staff;
        new.account_manager_id = Some(if corporate { staff.thomas } else { staff.petra });
        new.clerk_id = Some(if tenant == 0 {
            staff.sabine
        } else {
            staff.andreas
        });
        let id = customers::insert(&mut self.tx, &new).await?;
        let address = format!("{}, {} {}", new.street, new.postal_code, new.city);
        Ok(CustomerRef {
            id,
            tenant,
            name: new.display_name.clone(),
            address,
            corporate,
            french,
        })
    }

    /// Typical terms for `lob`, drawn from the line's profile.
    pub(super) fn plan(&mut self, lob: L) -> ContractPlan {
        let p = profile(lob);
        let start = date(
            self.rng.range(2014, 2025) as i32,
            self.rng.range(1, 12) as u32,
            1,
        );
        let frequency = *self.rng.pick(&[
            PaymentFrequency::Yearly,
            PaymentFrequency::Yearly,
            PaymentFrequency::HalfYearly,
            PaymentFrequency::Quarterly,
            PaymentFrequency::Monthly,
        ]);
        let round = |v: i64, to: i64| (v / to).max(1) * to;
        ContractPlan {
            lob,
            contract_type: ContractType::Individual,
            status: ContractStatus::Active,
            start,
            end: None,
            frequency,
            net: self.rng.range(p.premium.0, p.premium.1) * 100 + self.rng.range(0, 99),
            currency: "EUR",
            sum_insured: p
                .sum_insured
                .map(|(lo, hi)| round(self.rng.range(lo, hi), 5_000.min(lo)) * 100),
            deductible: p.deductible.map(|d| d * 100),
            insurer: p.insurer,
            description: p.product.to_owned(),
        }
    }

    pub(super) async fn add_contract(
        &mut self,
        c: &CustomerRef,
        plan: ContractPlan,
    ) -> Result<ContractRef, DemoError> {
        let n = self.next('V');
        let prefix = POLICY_PREFIX.get(plan.insurer).copied().unwrap_or("XX");
        let policy_number = format!("{prefix}-{}-{}", lobs::code(plan.lob), self.rng.digits(7));
        let gross = lobs::gross(plan.net, plan.lob, plan.currency);
        let staff = self.base.staff;
        let new = contracts::NewContract {
            customer_id: c.id,
            external_id: format!("VT-{:07}", 2_000_000 + n),
            policy_number: policy_number.clone(),
            insurer_id: self.base.insurers.get(plan.insurer).copied(),
            line_of_business: plan.lob,
            contract_type: plan.contract_type,
            status: plan.status,
            description: plan.description.clone(),
            start_date: plan.start,
            end_date: plan.end,
            main_due_date: due_of(plan.start),
            payment_frequency: plan.frequency,
            premium_net_minor: plan.net,
            premium_gross_minor: gross,
            currency: plan.currency.to_owned(),
            sum_insured_minor: plan.sum_insured,
            deductible_minor: plan.deductible,
            account_manager_id: Some(if c.corporate {
                staff.thomas
            } else {
                staff.petra
            }),
            clerk_id: Some(self.clerk(c)),
            claims_handler_id: Some(staff.sabine),
            created_at: created(),
        };
        let id = contracts::insert(&mut self.tx, &new).await?;
        let k = ContractRef {
            id,
            customer: c.clone(),
            plan,
            policy_number,
            gross,
        };
        self.contract_papers(&k).await?;
        self.premium_history(&k).await?;
        Ok(k)
    }

    /// Up to three premium changes ending at the current premium: the
    /// inception, an indexation in 2024 and an adjustment in 2025, as far
    /// as the contract ran then. Derived from the plan alone (no draw from
    /// the PRNG), so the rest of the set stays as it was.
    async fn premium_history(&mut self, k: &ContractRef) -> Result<(), DemoError> {
        let start = k.plan.start;
        let on = |year| date(year, start.month(), 1);
        let mut changes = vec![(start, PremiumChangeReason::Inception)];
        if start.year() <= 2023 {
            changes.push((on(2024), PremiumChangeReason::Indexation));
        }
        if start.year() <= 2024 {
            changes.push((on(2025), PremiumChangeReason::Adjustment));
        }
        let end = k.plan.end.unwrap_or_else(anchor).min(anchor());
        changes.retain(|(from, _)| *from == start || *from < end);
        let last = changes.len() - 1;
        for (i, (valid_from, reason)) in changes.into_iter().enumerate() {
            // Each earlier premium about 5 % below the next one.
            let percent = 100 - 5 * (last - i) as i64;
            let change = NewPremiumChange {
                contract_id: k.id,
                valid_from,
                premium_net_minor: k.plan.net * percent / 100,
                premium_gross_minor: k.gross * percent / 100,
                reason,
                created_at: created(),
            };
            premium_history::insert(&mut self.tx, &change).await?;
        }
        Ok(())
    }

    fn clerk(&self, c: &CustomerRef) -> StaffUserId {
        if c.tenant == 0 {
            self.base.staff.sabine
        } else {
            self.base.staff.andreas
        }
    }

    /// The policy (or offer) PDF and the premium invoices of a contract.
    async fn contract_papers(&mut self, k: &ContractRef) -> Result<(), DemoError> {
        let (doc_type, title) = match k.plan.status {
            ContractStatus::Offer => ("offer", "Angebot"),
            _ => ("policy", "Versicherungsschein"),
        };
        let spec = docs::policy(k, self.insurer_name(k.plan.insurer));
        let file = format!("{}_{}.pdf", title, k.policy_number);
        let title = format!("{title} {}", k.policy_number);
        self.add_document(
            DocumentContext::Contract(k.id),
            doc_type,
            &title,
            &file,
            &spec,
            at(k.plan.start.max(date(2020, 1, 2)), 8, 0),
        )
        .await?;
        match k.plan.status {
            ContractStatus::Active | ContractStatus::Suspended => self.current_invoice(k).await,
            ContractStatus::Cancelled => {
                let end = k.plan.end.unwrap_or_else(anchor);
                let months = i64::from(12 - end.month0());
                let amount = k.gross * months / 12;
                let issue = plus_days(end, 10);
                self.add_finance(
                    k,
                    FinanceKind::Credit,
                    issue,
                    plus_days(issue, 14),
                    amount,
                    Some(plus_days(issue, 14)),
                )
                .await?;
                Ok(())
            }
            ContractStatus::Expired | ContractStatus::Offer => Ok(()),
        }
    }

    /// The latest instalment falling due up to a month after the anchor;
    /// most are paid, some are still open.
    async fn current_invoice(&mut self, k: &ContractRef) -> Result<(), DemoError> {
        let per_year = k.plan.frequency.per_year() as u32;
        let step = 12 / per_year;
        let limit = plus_days(anchor(), 31);
        let due = [2025, 2026]
            .into_iter()
            .flat_map(|y| {
                (0..per_year).map(move |i| date(y, (k.plan.start.month0() + i * step) % 12 + 1, 1))
            })
            .filter(|d| *d <= limit)
            .max()
            .unwrap_or(limit);
        let amount = k.gross / i64::from(per_year);
        let overdue_open = self.rng.chance(8);
        let paid_on = (due < minus_days(anchor(), 10) && !overdue_open)
            .then(|| minus_days(due, self.rng.range(0, 5) as u64));
        let issue = minus_days(due, 28);
        self.add_finance(k, FinanceKind::Invoice, issue, due, amount, paid_on)
            .await?;
        if per_year == 1 && k.plan.start < date(2025, 1, 1) {
            let prev = plus_years(due, -1);
            self.add_finance(
                k,
                FinanceKind::Invoice,
                minus_days(prev, 28),
                prev,
                amount,
                Some(minus_days(prev, 2)),
            )
            .await?;
        }
        Ok(())
    }

    pub(super) async fn add_finance(
        &mut self,
        k: &ContractRef,
        kind: FinanceKind,
        issue: NaiveDate,
        due: NaiveDate,
        amount: i64,
        paid_on: Option<NaiveDate>,
    ) -> Result<FinanceItemId, DemoError> {
        let n = self.next('F');
        let number = format!(
            "{}-{}-{:06}",
            finance_prefix(kind),
            issue.year(),
            10_000 + n
        );
        let new = finance_items::NewFinanceItem {
            owner: finance_items::FinanceOwner::Contract(k.id),
            external_id: format!("FI-{:07}", 3_000_000 + n),
            kind,
            number: number.clone(),
            issue_date: issue,
            due_date: due,
            amount_minor: amount,
            currency: k.plan.currency.to_owned(),
            paid_on,
            created_at: at(issue, 7, 30),
        };
        let id = finance_items::insert(&mut self.tx, &new).await?;
        let (doc_type, spec, title) = docs::finance(k, kind, &number, issue, due, amount);
        let file = format!("{}.pdf", number);
        self.add_document(
            DocumentContext::FinanceItem(id),
            doc_type,
            &title,
            &file,
            &spec,
            at(issue, 7, 30),
        )
        .await?;
        Ok(id)
    }
}

fn finance_prefix(kind: FinanceKind) -> &'static str {
    match kind {
        FinanceKind::Invoice => "BR",
        FinanceKind::Credit => "GS",
        FinanceKind::Dunning => "MA",
    }
}

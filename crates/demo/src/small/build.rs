//! The building blocks the small set is written with: customers, contracts
//! (with their policy PDF and premium invoices), objects and claims.

use chrono::{Datelike, NaiveDate};
use kp_domain::{
    ClaimId, ClaimStatus, ContractId, ContractStatus, ContractType, CustomerId, FinanceItemId,
    FinanceKind, LineOfBusiness as L, ObjectId, PaymentFrequency, StaffUserId,
};
use kp_storage::write::documents::{DocumentContext, NewDocument};
use kp_storage::write::{claims, contracts, customers, documents, finance_items, objects};

use super::{Seeder, docs};
use crate::calendar::{anchor, at, created, date, due_of, minus_days, plus_days, plus_years};
use crate::lobs::{self, profile};
use crate::pdfs;
use crate::DemoError;

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

const POLICY_PREFIX: &[&str] = &["NS", "HFK", "ALP", "RL", "ERS", "IKV", "TMA", "TAS", "MRA", "BRV", "ACIC"];

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
        new.clerk_id = Some(if tenant == 0 { staff.sabine } else { staff.andreas });
        let id = customers::insert(&mut self.tx, &new).await?;
        let address = format!("{}, {} {}", new.street, new.postal_code, new.city);
        Ok(CustomerRef { id, tenant, name: new.display_name.clone(), address, corporate, french })
    }

    /// Typical terms for `lob`, drawn from the line's profile.
    pub(super) fn plan(&mut self, lob: L) -> ContractPlan {
        let p = profile(lob);
        let start = date(self.rng.range(2014, 2025) as i32, self.rng.range(1, 12) as u32, 1);
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
            sum_insured: p.sum_insured.map(|(lo, hi)| round(self.rng.range(lo, hi), 5_000.min(lo)) * 100),
            deductible: p.deductible.map(|d| d * 100),
            insurer: p.insurer,
            description: p.product.to_owned(),
        }
    }

    pub(super) async fn add_contract(&mut self, c: &CustomerRef, plan: ContractPlan) -> Result<ContractRef, DemoError> {
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
            account_manager_id: Some(if c.corporate { staff.thomas } else { staff.petra }),
            clerk_id: Some(self.clerk(c)),
            claims_handler_id: Some(staff.sabine),
            created_at: created(),
        };
        let id = contracts::insert(&mut self.tx, &new).await?;
        let k = ContractRef { id, customer: c.clone(), plan, policy_number, gross };
        self.contract_papers(&k).await?;
        Ok(k)
    }

    fn clerk(&self, c: &CustomerRef) -> StaffUserId {
        if c.tenant == 0 { self.base.staff.sabine } else { self.base.staff.andreas }
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
        self.add_document(DocumentContext::Contract(k.id), doc_type, &title, &file, &spec, at(k.plan.start.max(date(2020, 1, 2)), 8, 0))
            .await?;
        match k.plan.status {
            ContractStatus::Active | ContractStatus::Suspended => self.current_invoice(k).await,
            ContractStatus::Cancelled => {
                let end = k.plan.end.unwrap_or_else(anchor);
                let months = i64::from(12 - end.month0());
                let amount = k.gross * months / 12;
                let issue = plus_days(end, 10);
                self.add_finance(k, FinanceKind::Credit, issue, plus_days(issue, 14), amount, Some(plus_days(issue, 14))).await?;
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
            .flat_map(|y| (0..per_year).map(move |i| date(y, (k.plan.start.month0() + i * step) % 12 + 1, 1)))
            .filter(|d| *d <= limit)
            .max()
            .unwrap_or(limit);
        let amount = k.gross / i64::from(per_year);
        let overdue_open = self.rng.chance(8);
        let paid_on = (due < minus_days(anchor(), 10) && !overdue_open).then(|| minus_days(due, self.rng.range(0, 5) as u64));
        let issue = minus_days(due, 28);
        self.add_finance(k, FinanceKind::Invoice, issue, due, amount, paid_on).await?;
        if per_year == 1 && k.plan.start < date(2025, 1, 1) {
            let prev = plus_years(due, -1);
            self.add_finance(k, FinanceKind::Invoice, minus_days(prev, 28), prev, amount, Some(minus_days(prev, 2))).await?;
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
        let number = format!("{}-{}-{:06}", finance_prefix(kind), issue.year(), 10_000 + n);
        let new = finance_items::NewFinanceItem {
            customer_id: k.customer.id,
            contract_id: Some(k.id),
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
        self.add_document(DocumentContext::FinanceItem(id), doc_type, &title, &file, &spec, at(issue, 7, 30)).await?;
        Ok(id)
    }

    pub(super) async fn add_object(&mut self, k: &ContractRef, mut o: objects::NewObject) -> Result<ObjectId, DemoError> {
        o.contract_id = k.id;
        o.external_id = format!("OB-{:07}", 4_000_000 + self.next('O'));
        o.created_at = created();
        let id = objects::insert(&mut self.tx, &o).await?;
        if !o.site.is_empty() {
            self.site_objects.push((o.site.clone(), id));
        }
        Ok(id)
    }

    pub(super) async fn add_claim(&mut self, k: &ContractRef, c: ClaimPlan) -> Result<ClaimId, DemoError> {
        let n = self.next('S');
        let reported_on = plus_days(c.date_of_loss, self.rng.range(0, 3) as u64);
        let new = claims::NewClaim {
            contract_id: k.id,
            object_id: c.object,
            external_id: format!("SC-{:07}", 5_000_000 + n),
            broker_claim_number: format!("S-{}-{:05}", reported_on.year(), n),
            insurer_claim_number: format!("{}/{}", POLICY_PREFIX.get(k.plan.insurer).copied().unwrap_or("XX"), self.rng.digits(8)),
            date_of_loss: c.date_of_loss,
            reported_on,
            claim_type: c.claim_type.to_owned(),
            cause: c.cause.to_owned(),
            place: c.place.clone(),
            description: c.description.clone(),
            status: c.status,
            reserve_minor: c.reserve,
            paid_minor: c.paid,
            currency: k.plan.currency.to_owned(),
            handler_id: Some(self.base.staff.sabine),
            created_at: at(reported_on, 10, 15),
        };
        let id = claims::insert(&mut self.tx, &new).await?;
        super::claims::history_and_letters(self, k, id, &new).await?;
        Ok(id)
    }

    pub(super) async fn add_document(
        &mut self,
        context: DocumentContext,
        document_type: &str,
        title: &str,
        file_name: &str,
        spec: &kp_documents::PdfSpec,
        created_at: chrono::DateTime<chrono::Utc>,
    ) -> Result<(), DemoError> {
        let stored = pdfs::store(self.blobs, spec).await?;
        let n = self.next('D');
        let new = NewDocument {
            context,
            external_id: Some(format!("DO-{:07}", 6_000_000 + n)),
            document_type: document_type.to_owned(),
            title: title.to_owned(),
            file_name: file_name.replace(['/', ' '], "_"),
            media_type: "application/pdf".to_owned(),
            size_bytes: stored.size_bytes,
            sha256: stored.sha256,
            storage_key: stored.storage_key,
            source: "back_office".to_owned(),
            uploaded_by_portal_user_id: None,
            uploaded_by_staff_id: None,
            created_at,
        };
        documents::insert(&mut self.tx, &new).await?;
        Ok(())
    }

    pub(super) fn insurer_name(&self, index: usize) -> &'static str {
        super::base::INSURERS.get(index).map(|i| i.0).unwrap_or("")
    }
}

fn finance_prefix(kind: FinanceKind) -> &'static str {
    match kind {
        FinanceKind::Invoice => "BR",
        FinanceKind::Credit => "GS",
        FinanceKind::Dunning => "MA",
    }
}

/// A customer with only kind and name set; the seeder fills in tenant,
/// external id and staff.
pub(super) fn customer(kind: kp_domain::CustomerKind, display_name: impl Into<String>) -> customers::NewCustomer {
    customers::NewCustomer {
        tenant_id: kp_domain::TenantId(0),
        organization_id: None,
        external_id: String::new(),
        kind,
        salutation: String::new(),
        first_name: String::new(),
        last_name: String::new(),
        company_name: String::new(),
        display_name: display_name.into(),
        birth_date: None,
        street: String::new(),
        postal_code: String::new(),
        city: String::new(),
        country: "DE".into(),
        email: String::new(),
        phone: String::new(),
        iban: String::new(),
        bic: String::new(),
        account_holder: String::new(),
        account_manager_id: None,
        clerk_id: None,
        created_at: created(),
    }
}

/// An e-mail local part from a name: lower case, umlauts transliterated.
pub(crate) fn mail_name(name: &str) -> String {
    name.to_lowercase()
        .replace('ä', "ae")
        .replace('ö', "oe")
        .replace('ü', "ue")
        .replace('ß', "ss")
        .replace('é', "e")
        .chars()
        .filter(|c| c.is_ascii_alphanumeric() || *c == '.' || *c == '-')
        .collect()
}

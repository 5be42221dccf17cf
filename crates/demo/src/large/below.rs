//! The records below a generated contract: a claim with its status
//! history, a finance item, and document records that share stored PDFs.

use chrono::{DateTime, Datelike, NaiveDate, Utc};
use kp_domain::{ClaimStatus, FinanceKind};

use super::contracts::{Gen, K};
use super::rows::{Batch, row};
use crate::calendar::{anchor, at, created, date, minus_days, money, plus_days};
use crate::pdfs::StoredPdf;
use crate::small::claim_path;

impl Gen<'_> {
    pub(super) fn claim(&mut self, k: &K<'_>, object: i64, batch: &mut Batch) {
        use ClaimStatus::*;
        let id = self.next(|ids| &mut ids.claim);
        let status = match self.rng.below(100) {
            0..=34 => Settled,
            35..=49 => Closed,
            50..=64 => InReview,
            65..=74 => Reported,
            75..=84 => Accepted,
            _ => Rejected,
        };
        let amount = self.rng.range(200, 40_000) * 100;
        let (reserve, paid) = match status {
            Settled | Closed => (0, amount),
            Rejected => (0, 0),
            _ => (amount, 0),
        };
        let loss = minus_days(anchor(), self.rng.below(900) + 3);
        let reported = plus_days(loss, self.rng.below(4));
        let (claim_type, cause) = *self.rng.pick(&[
            ("water", "Leitungswasser"),
            ("storm", "Sturm/Hagel"),
            ("collision", "Unfall"),
            ("theft", "Diebstahl"),
            ("fire", "Brand"),
            ("glass", "Glasbruch"),
            ("liability", "Sachschaden Dritter"),
        ]);
        let t = at(reported, 10, 0);
        batch.claims.push(row![
            id,
            k.owner.tenant,
            k.id,
            object,
            format!("SC-L{id:08}"),
            format!("S-{}-L{id:07}", reported.year()),
            self.rng.digits(10),
            loss,
            reported,
            claim_type,
            cause,
            k.owner.town.city,
            format!("{cause}, gemeldet am {}", crate::calendar::de(reported)),
            status,
            reserve,
            paid,
            k.currency,
            self.small.claims_handler,
            t,
            t,
        ]);
        for (step, note, days) in claim_path(status, &money(paid, k.currency)) {
            let h = self.next(|ids| &mut ids.history);
            batch.history.push(row![
                h,
                id,
                step,
                note,
                at(plus_days(reported, days), 9, 30)
            ]);
        }
        self.document(
            batch,
            k,
            [Some(object), Some(id), None],
            "claim_letter",
            format!("Schadenkorrespondenz S-L{id:07}"),
            Doc::Claim,
        );
        self.document(
            batch,
            k,
            [Some(object), Some(id), None],
            "claim_photo",
            format!("Schadenfoto S-L{id:07}"),
            Doc::Photo,
        );
    }

    pub(super) fn finance(&mut self, k: &K<'_>, batch: &mut Batch) {
        let id = self.next(|ids| &mut ids.finance);
        let kind = match self.rng.below(100) {
            0..=89 => FinanceKind::Invoice,
            90..=94 => FinanceKind::Dunning,
            _ => FinanceKind::Credit,
        };
        let due = date(2026, self.rng.range(1, 11) as u32, 1);
        let issue = minus_days(due, 28);
        let paid_on: Option<NaiveDate> =
            (due < minus_days(anchor(), 10) && self.rng.chance(92)).then(|| minus_days(due, 2));
        let number = format!("BR-{}-L{id:07}", issue.year());
        let t: DateTime<Utc> = at(issue, 7, 0);
        batch.finance.push(row![
            id,
            k.owner.tenant,
            k.owner.id,
            k.id,
            format!("FI-L{id:08}"),
            kind,
            number.clone(),
            issue,
            due,
            k.gross / k.per_year,
            k.currency,
            paid_on.is_some(),
            paid_on,
            t,
            t,
        ]);
        let (doc_type, pdf) = match kind {
            FinanceKind::Dunning => ("dunning", Doc::Dunning),
            _ => ("invoice", Doc::Invoice),
        };
        self.document(batch, k, [None, None, Some(id)], doc_type, number, pdf);
    }

    /// A document record; `[object, claim, finance item]` name its context
    /// below the contract.
    pub(super) fn document(
        &mut self,
        batch: &mut Batch,
        k: &K<'_>,
        below: [Option<i64>; 3],
        doc_type: &str,
        title: String,
        pdf: Doc,
    ) {
        let id = self.next(|ids| &mut ids.document);
        let StoredPdf {
            storage_key,
            sha256,
            size_bytes,
        } = match pdf {
            Doc::Policy => &self.templates.policy,
            Doc::Invoice => &self.templates.invoice,
            Doc::Dunning => &self.templates.dunning,
            Doc::Claim => &self.templates.claim_letter,
            Doc::Photo => &self.templates.claim_photo,
            Doc::Conditions => &self.templates.conditions,
        }
        .clone();
        let (media_type, extension) = match pdf {
            Doc::Photo => ("image/png", "png"),
            _ => ("application/pdf", "pdf"),
        };
        let file = format!("{}.{extension}", title.replace([' ', '/'], "_"));
        let t = created();
        batch.documents.push(row![
            id,
            k.owner.tenant,
            k.owner.id,
            k.id,
            below[0],
            below[1],
            below[2],
            format!("DO-L{id:08}"),
            doc_type,
            title,
            file,
            media_type,
            size_bytes,
            sha256,
            storage_key,
            "back_office",
            t,
            t,
        ]);
    }
}

/// Which shared file a record points to.
pub(super) enum Doc {
    Policy,
    Invoice,
    Dunning,
    Claim,
    Photo,
    Conditions,
}

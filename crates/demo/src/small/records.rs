//! Objects, claims and documents of the small set, and the blank
//! customer record the seeders start from.

use chrono::Datelike;
use kp_domain::{ClaimId, ObjectId};
use kp_storage::write::documents::{self, DocumentContext, NewDocument};
use kp_storage::write::{claims, customers, objects};

use super::Seeder;
use super::build::{ClaimPlan, ContractRef, POLICY_PREFIX};
use crate::DemoError;
use crate::calendar::{at, created, plus_days};
use crate::pdfs;

impl Seeder<'_> {
    pub(super) async fn add_object(
        &mut self,
        k: &ContractRef,
        mut o: objects::NewObject,
    ) -> Result<ObjectId, DemoError> {
        o.contract_id = k.id;
        o.external_id = format!("OB-{:07}", 4_000_000 + self.next('O'));
        o.created_at = created();
        let id = objects::insert(&mut self.tx, &o).await?;
        if !o.site.is_empty() {
            self.site_objects.push((o.site.clone(), id));
        }
        Ok(id)
    }

    pub(super) async fn add_claim(
        &mut self,
        k: &ContractRef,
        c: ClaimPlan,
    ) -> Result<ClaimId, DemoError> {
        let n = self.next('S');
        let reported_on = plus_days(c.date_of_loss, self.rng.range(0, 3) as u64);
        let new = claims::NewClaim {
            contract_id: k.id,
            object_id: c.object,
            external_id: format!("SC-{:07}", 5_000_000 + n),
            broker_claim_number: format!("S-{}-{:05}", reported_on.year(), n),
            insurer_claim_number: format!(
                "{}/{}",
                POLICY_PREFIX.get(k.plan.insurer).copied().unwrap_or("XX"),
                self.rng.digits(8)
            ),
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
        let file = StoredFile {
            stored,
            media_type: "application/pdf",
        };
        self.add_file(context, document_type, title, file_name, file, created_at)
            .await
    }

    /// A document of any media type whose bytes are already stored.
    pub(super) async fn add_file(
        &mut self,
        context: DocumentContext,
        document_type: &str,
        title: &str,
        file_name: &str,
        file: StoredFile,
        created_at: chrono::DateTime<chrono::Utc>,
    ) -> Result<(), DemoError> {
        let n = self.next('D');
        let new = NewDocument {
            context,
            external_id: Some(format!("DO-{:07}", 6_000_000 + n)),
            document_type: document_type.to_owned(),
            title: title.to_owned(),
            file_name: file_name.replace(['/', ' '], "_"),
            media_type: file.media_type.to_owned(),
            size_bytes: file.stored.size_bytes,
            sha256: file.stored.sha256,
            storage_key: file.stored.storage_key,
            source: "back_office".to_owned(),
            uploaded_by_portal_user_id: None,
            uploaded_by_staff_id: None,
            created_at,
        };
        documents::insert(&mut self.tx, &kp_domain::Scope::everything(), &new).await?;
        Ok(())
    }

    pub(super) fn insurer_name(&self, index: usize) -> &'static str {
        super::base::INSURERS.get(index).map(|i| i.0).unwrap_or("")
    }
}

/// Stored bytes and their media type.
pub(super) struct StoredFile {
    pub stored: pdfs::StoredPdf,
    pub media_type: &'static str,
}

/// A customer with only kind and name set; the seeder fills in tenant,
/// external id and staff.
pub(super) fn customer(
    kind: kp_domain::CustomerKind,
    display_name: impl Into<String>,
) -> customers::NewCustomer {
    customers::NewCustomer::new(kp_domain::TenantId(0), "", kind, display_name, created())
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

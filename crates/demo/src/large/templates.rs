//! The few files (PDFs, a photo) the bulk document records share: 200,000 records need not
//! be 200,000 files to exercise lists, counts and downloads.

use kp_documents::BlobStore;

use crate::DemoError;
use crate::calendar::anchor;
use crate::pdfs::{StoredPdf, letter, store};

#[derive(Debug, Clone)]
pub(super) struct Templates {
    pub policy: StoredPdf,
    pub invoice: StoredPdf,
    pub dunning: StoredPdf,
    pub claim_letter: StoredPdf,
    /// A PNG photo of a damage (see `images`).
    pub claim_photo: StoredPdf,
}

pub(super) async fn store_all(blobs: &BlobStore) -> Result<Templates, DemoError> {
    let text = "Dieses Dokument gehört zu den Massendaten der Demo-Installation und wird von vielen \
                Datensätzen gemeinsam verwendet.";
    let date = crate::calendar::de(anchor());
    let make = |title: &str| {
        letter(title, "Musterdokument (Massendaten)", "de-DE")
            .row("Stand", &date)
            .paragraph(text)
    };
    Ok(Templates {
        policy: store(blobs, &make("Versicherungsschein")).await?,
        invoice: store(blobs, &make("Beitragsrechnung")).await?,
        dunning: store(blobs, &make("Mahnung")).await?,
        claim_letter: store(blobs, &make("Schadenkorrespondenz")).await?,
        claim_photo: crate::images::store(blobs, &crate::images::damage_photo(7)).await?,
    })
}

//! The PDFs of the demo set: letters in the broker's layout, rendered with
//! `kp_documents::pdf` and stored content-addressed in the blob store.

use kp_documents::{BlobStore, PdfSpec, sha256_hex};

use crate::DemoError;

pub const BROKER: &str = "Hanse Assekuranz Makler GmbH";
const HEADER: &str =
    "Hanse Assekuranz Makler GmbH · Ballindamm 17 · 20095 Hamburg · Tel. 040 3087 4410";
const FOOTER: &str = "Hanse Assekuranz Makler GmbH · Amtsgericht Hamburg HRB 98765 · \
                      Vermittlerregister D-HA5E-DEMO1-23 · www.hanse-assekuranz.example.de";

/// A stored PDF as the document row needs it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredPdf {
    pub storage_key: String,
    pub sha256: String,
    pub size_bytes: i64,
}

/// A letter in the broker's layout; `lang` is `de-DE` or `fr-FR`.
pub fn letter(title: &str, subtitle: &str, lang: &str) -> PdfSpec {
    PdfSpec::new(title)
        .header(HEADER)
        .subtitle(subtitle)
        .footer(FOOTER)
        .author(BROKER)
        .creator("Kundenportal Demo")
        .lang(lang)
}

/// Renders and stores a PDF (once per distinct content).
pub async fn store(blobs: &BlobStore, spec: &PdfSpec) -> Result<StoredPdf, DemoError> {
    let bytes = spec.render();
    let storage_key = blobs.put_content(&bytes).await?;
    Ok(StoredPdf {
        storage_key,
        sha256: sha256_hex(&bytes),
        size_bytes: bytes.len() as i64,
    })
}

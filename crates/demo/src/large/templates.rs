//! The few files (PDFs, a photo) the bulk document records share: 200,000 records need not
//! be 200,000 files to exercise lists, counts and downloads.

use kp_documents::{BlobStore, PdfSpec, Section};

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
    /// The group's complete policy wording, about `big_document_bytes`
    /// long: the download benchmark's 10 MiB file.
    pub conditions: StoredPdf,
}

pub(super) async fn store_all(
    blobs: &BlobStore,
    big_document_bytes: u64,
) -> Result<Templates, DemoError> {
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
        conditions: store(blobs, &conditions(big_document_bytes, &date)).await?,
    })
}

/// A policy wording of at least `bytes` (a real, many-page PDF), built from
/// numbered clauses; the size per clause is measured on a small sample so
/// that the full document is rendered once.
fn conditions(bytes: u64, date: &str) -> PdfSpec {
    let build = |clauses: u64| {
        (1..=clauses).fold(
            letter(
                "Versicherungsbedingungen (vollständiges Bedingungswerk)",
                "Industrie-Sachversicherung der Brenner-Gruppe",
                "de-DE",
            )
            .row("Stand", date),
            |spec, n| spec.section(clause(n)),
        )
    };
    const SAMPLE: u64 = 50;
    let empty = build(0).render().len() as u64;
    let sample = build(SAMPLE).render().len() as u64;
    let per_clause = (sample.saturating_sub(empty) / SAMPLE).max(1);
    build(bytes.saturating_sub(empty) / per_clause + 1)
}

fn clause(n: u64) -> Section {
    Section::new(format!("§ {n} Versicherte Gefahren und Schäden, Teil {n}"))
        .paragraph(
            "Der Versicherer leistet Entschädigung für versicherte Sachen, die durch Brand, \
             Blitzschlag, Explosion, Anprall oder Absturz eines Luftfahrzeuges, seiner Teile oder \
             seiner Ladung zerstört oder beschädigt werden oder abhandenkommen. Nicht versichert \
             sind Schäden, die durch Krieg, innere Unruhen oder Kernenergie entstehen.",
        )
        .paragraph(
            "Die Entschädigung ist begrenzt auf die vereinbarte Versicherungssumme je \
             Versicherungsort. Der Versicherungsnehmer hat den Schaden unverzüglich anzuzeigen \
             und nach Möglichkeit für die Abwendung und Minderung des Schadens zu sorgen.",
        )
}

use chrono::{TimeZone, Utc};
use kp_documents::{PdfSpec, render};

use crate::tools;

fn letter() -> PdfSpec {
    PdfSpec::new("Beitragsrechnung für Ihre Hausratversicherung")
        .header("Maklerbüro Beispiel GmbH · Hauptstraße 1 · 12345 Musterstadt")
        .subtitle("Vertrag HR-2025-0042")
        .row("Versicherungsnehmer", "Müller, Straße, Größe €")
        .row("Adresse", "Crème brûlée, façade, Señor Muñoz, ¿qué tal?")
        .row("Beitrag", "123,45 € – jährlich")
        .paragraph("Sehr geehrte Frau Müller,")
        .paragraph("anbei erhalten Sie Ihre Beitragsrechnung.")
        .footer("Maklerbüro Beispiel GmbH · Registernummer D-ABCD-EFGHI-12")
        .page_label("Seite {page} von {pages}")
        .author("Maklerbüro Beispiel GmbH")
        .creator("Kundenportal")
        .created(Utc.with_ymd_and_hms(2025, 3, 14, 9, 30, 0).unwrap())
        .lang("de-DE")
}

fn long_letter() -> PdfSpec {
    let mut spec = letter();
    for i in 1..=60 {
        spec = spec.paragraph(format!(
            "Absatz {i}: Die Versicherungsbedingungen regeln Umfang und Grenzen des \
             Versicherungsschutzes, die Obliegenheiten des Versicherungsnehmers und die \
             Folgen ihrer Verletzung."
        ));
    }
    spec.paragraph("Schlusssatz auf der letzten Seite.")
}

/// pdftotext may put label and value on one line or split lines
/// differently; comparing with collapsed whitespace keeps the test about
/// content, not layout.
fn squash(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[test]
fn renders_a_pdf_file() {
    let pdf = render(&letter());
    assert!(pdf.starts_with(b"%PDF-"));
    assert!(pdf.ends_with(b"%%EOF") || pdf.ends_with(b"%%EOF\n"));
    let text = String::from_utf8_lossy(&pdf);
    assert!(text.contains("/WinAnsiEncoding"));
    assert!(text.contains("/Helvetica-Bold"));
}

#[test]
fn output_is_reproducible() {
    assert_eq!(render(&long_letter()), render(&long_letter()));
}

#[test]
fn empty_spec_still_renders_one_page() {
    let pdf = render(&PdfSpec::default());
    assert!(pdf.starts_with(b"%PDF-"));
    if !tools::available("pdfinfo", "-v") {
        return;
    }
    assert_eq!(tools::pdf_pages(&pdf), 1);
}

#[test]
fn pdftotext_extracts_title_rows_and_accents() {
    if !tools::available("pdftotext", "-v") {
        return;
    }
    let text = squash(&tools::pdftotext(&render(&letter()), None));
    for expected in [
        "Beitragsrechnung für Ihre Hausratversicherung",
        "Maklerbüro Beispiel GmbH · Hauptstraße 1 · 12345 Musterstadt",
        "Vertrag HR-2025-0042",
        "Müller, Straße, Größe €",
        "Crème brûlée, façade, Señor Muñoz, ¿qué tal?",
        "123,45 € – jährlich",
        "Sehr geehrte Frau Müller,",
        "Registernummer D-ABCD-EFGHI-12",
        "Seite 1 von 1",
    ] {
        assert!(text.contains(expected), "missing {expected:?} in {text:?}");
    }
}

#[test]
fn characters_outside_winansi_become_question_marks() {
    if !tools::available("pdftotext", "-v") {
        return;
    }
    let pdf = render(&PdfSpec::new("Smile 😀 and 中文 ok"));
    let text = squash(&tools::pdftotext(&pdf, None));
    assert!(text.contains("Smile ? and ?? ok"), "{text:?}");
}

#[test]
fn long_documents_break_pages_and_number_them() {
    if !tools::available("pdftotext", "-v") || !tools::available("pdfinfo", "-v") {
        return;
    }
    let pdf = render(&long_letter());
    let pages = tools::pdf_pages(&pdf);
    assert!(pages >= 2, "expected a page break, got {pages} page(s)");

    let page_one = squash(&tools::pdftotext(&pdf, Some(1)));
    assert!(
        page_one.contains(&format!("Seite 1 von {pages}")),
        "{page_one:?}"
    );
    assert!(page_one.contains("Absatz 1:"), "{page_one:?}");
    // The header repeats on every page.
    let page_two = squash(&tools::pdftotext(&pdf, Some(2)));
    assert!(
        page_two.contains("Maklerbüro Beispiel GmbH · Hauptstraße 1"),
        "{page_two:?}"
    );
    assert!(
        page_two.contains(&format!("Seite 2 von {pages}")),
        "{page_two:?}"
    );
    assert!(page_two.contains("Versicherungsschutzes"), "{page_two:?}");

    let last = squash(&tools::pdftotext(&pdf, Some(pages)));
    assert!(
        last.contains("Schlusssatz auf der letzten Seite."),
        "{last:?}"
    );
    assert!(!page_one.contains("Schlusssatz"), "{page_one:?}");
    // Every paragraph appears exactly once across all pages.
    let all = squash(&tools::pdftotext(&pdf, None));
    for i in [1, 30, 60] {
        assert_eq!(
            all.matches(&format!("Absatz {i}:")).count(),
            1,
            "Absatz {i}"
        );
    }
}

#[test]
fn metadata_is_written() {
    if !tools::available("pdfinfo", "-v") {
        return;
    }
    let info = tools::pdfinfo(&render(&letter()));
    assert!(
        info.contains("Beitragsrechnung für Ihre Hausratversicherung"),
        "{info}"
    );
    assert!(info.contains("Maklerbüro Beispiel GmbH"), "{info}");
    assert!(info.contains("Kundenportal"), "{info}");
    assert!(info.contains("2025"), "{info}");
    assert!(info.contains("A4"), "{info}");
}

#[test]
fn renders_fast() {
    // Generous bound: debug builds are far slower than the < 2 ms release
    // target, and CI machines are shared; this only catches pathologies.
    let spec = long_letter();
    let start = std::time::Instant::now();
    for _ in 0..20 {
        std::hint::black_box(render(&spec));
    }
    let per_doc = start.elapsed() / 20;
    assert!(per_doc.as_millis() < 100, "{per_doc:?} per document");
}

//! Tables in a PDF: headings repeated on every page, thousands of rows.

use kp_documents::{PdfSpec, Section, Table, TableColumn};

use crate::tools;

#[test]
fn long_tables_repeat_their_headings_on_every_page() {
    let rows: Vec<Vec<String>> = (1..=5000)
        .map(|i| {
            vec![
                format!("S-{i:05}"),
                "Leitungswasser im Keller des Nebengebäudes".to_owned(),
                format!("{i},00 €"),
            ]
        })
        .collect();
    let table = Table {
        columns: vec![
            TableColumn::text("Schaden-Nr."),
            TableColumn::text("Beschreibung"),
            TableColumn::numeric("Zahlung"),
        ],
        rows,
    };
    let started = std::time::Instant::now();
    let pdf = PdfSpec::new("Schadenliste")
        .landscape()
        .section(Section::new("Schäden").table(table))
        .render();
    assert!(started.elapsed().as_secs() < 20, "{:?}", started.elapsed());
    // Compressed content streams keep 5,000 rows small.
    assert!(pdf.len() < 1_000_000, "{} bytes", pdf.len());
    if !tools::available("pdftotext", "-v") {
        return;
    }
    let pages = tools::pdf_pages(&pdf);
    assert!(pages > 50, "{pages} pages");
    let last = tools::pdftotext(&pdf, Some(pages));
    assert!(
        last.contains("Schaden-Nr.") && last.contains("Zahlung"),
        "{last}"
    );
    assert!(
        last.contains("S-05000") && last.contains("5000,00 €"),
        "{last}"
    );
    let all = tools::pdftotext(&pdf, None);
    assert_eq!(all.matches("S-02500").count(), 1);
}

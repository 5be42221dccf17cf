//! The texts of the demo PDFs: policies, premium invoices, dunning notices
//! and credit notes, in German (French for the French subsidiary).

use chrono::NaiveDate;
use kp_documents::PdfSpec;
use kp_domain::{ContractStatus, FinanceKind, PaymentFrequency};

use super::build::ContractRef;
use crate::calendar::{de, due_of, money};
use crate::lobs::{profile, tax_permille};
use crate::pdfs::letter;

fn frequency_de(f: PaymentFrequency) -> &'static str {
    match f {
        PaymentFrequency::Monthly => "monatlich",
        PaymentFrequency::Quarterly => "vierteljährlich",
        PaymentFrequency::HalfYearly => "halbjährlich",
        PaymentFrequency::Yearly => "jährlich",
        PaymentFrequency::Single => "Einmalbeitrag",
    }
}

pub(super) fn policy(k: &ContractRef, insurer: &str) -> PdfSpec {
    let p = &k.plan;
    let cur = p.currency;
    let offer = p.status == ContractStatus::Offer;
    let title = if offer {
        "Angebot"
    } else {
        "Versicherungsschein"
    };
    let tax = tax_permille(p.lob, cur);
    let mut spec = letter(
        title,
        &format!("{} – {}", profile(p.lob).name_de, p.description),
        "de-DE",
    )
    .row("Versicherungsnehmer", &k.customer.name)
    .row("Anschrift", &k.customer.address)
    .row("Versicherer", insurer)
    .row(
        if offer {
            "Angebotsnummer"
        } else {
            "Versicherungsschein-Nr."
        },
        &k.policy_number,
    )
    .row("Versicherungsbeginn", de(p.start))
    .row(
        "Vertragsablauf",
        p.end
            .map(de)
            .unwrap_or_else(|| "1 Jahr, verlängert sich jeweils um ein Jahr".into()),
    )
    .row("Hauptfälligkeit", due_of(p.start))
    .row("Zahlungsweise", frequency_de(p.frequency))
    .row("Jahresbeitrag netto", money(p.net, cur))
    .row(
        format!("Versicherungsteuer ({},{} %)", tax / 10, tax % 10),
        money(k.gross - p.net, cur),
    )
    .row("Jahresbeitrag brutto", money(k.gross, cur));
    if let Some(sum) = p.sum_insured {
        spec = spec.row("Versicherungssumme", money(sum, cur));
    }
    if let Some(d) = p.deductible {
        spec = spec.row("Selbstbeteiligung je Schadenfall", money(d, cur));
    }
    let intro = if offer {
        "vielen Dank für Ihr Interesse. Gern unterbreiten wir Ihnen das folgende Angebot; es ist bis \
         zum 31.10.2026 gültig."
    } else {
        "anbei erhalten Sie Ihren Versicherungsschein. Bitte prüfen Sie die Angaben und bewahren Sie \
         dieses Dokument zusammen mit den Versicherungsbedingungen sorgfältig auf."
    };
    spec.paragraph(format!("Sehr geehrte Damen und Herren,\n{intro}"))
        .paragraph(
            "Es gelten die beigefügten Allgemeinen Versicherungsbedingungen sowie die Besonderen \
             Bedingungen und Klauseln in der bei Vertragsschluss gültigen Fassung. Änderungen der \
             versicherten Risiken teilen Sie uns bitte unverzüglich mit, am einfachsten über das \
             Kundenportal.",
        )
        .paragraph("Mit freundlichen Grüßen\nIhre Hanse Assekuranz")
}

/// Document type, PDF and title of a finance item's document.
pub(super) fn finance(
    k: &ContractRef,
    kind: FinanceKind,
    number: &str,
    issue: NaiveDate,
    due: NaiveDate,
    amount: i64,
) -> (&'static str, PdfSpec, String) {
    if k.customer.french {
        return finance_fr(k, kind, number, issue, due, amount);
    }
    let (doc_type, title, text) = match kind {
        FinanceKind::Invoice => (
            "invoice",
            "Beitragsrechnung",
            format!("bitte überweisen Sie den Beitrag bis zum {} unter Angabe der Rechnungsnummer. \
                     Haben Sie uns ein SEPA-Lastschriftmandat erteilt, ziehen wir den Betrag zum \
                     Fälligkeitstag ein.", de(due)),
        ),
        FinanceKind::Dunning => (
            "dunning",
            "Mahnung",
            format!("leider konnten wir bis heute keinen Zahlungseingang feststellen. Bitte \
                     überweisen Sie den offenen Betrag bis zum {}. Nach § 38 VVG kann der \
                     Versicherer bei Zahlungsverzug leistungsfrei werden.", de(due)),
        ),
        FinanceKind::Credit => (
            "invoice",
            "Beitragsgutschrift",
            "aufgrund der Vertragsbeendigung erstatten wir Ihnen den nicht verbrauchten Beitrag auf \
             Ihr bei uns hinterlegtes Konto."
                .to_owned(),
        ),
    };
    let spec = letter(title, &k.customer.name, "de-DE")
        .row("Nummer", number)
        .row("Datum", de(issue))
        .row("Fällig am", de(due))
        .row("Versicherungsschein-Nr.", &k.policy_number)
        .row("Sparte", profile(k.plan.lob).name_de)
        .row("Betrag", money(amount, k.plan.currency))
        .paragraph(format!("Sehr geehrte Damen und Herren,\n{text}"))
        .paragraph("Mit freundlichen Grüßen\nIhre Hanse Assekuranz");
    (doc_type, spec, format!("{title} {number}"))
}

fn finance_fr(
    k: &ContractRef,
    kind: FinanceKind,
    number: &str,
    issue: NaiveDate,
    due: NaiveDate,
    amount: i64,
) -> (&'static str, PdfSpec, String) {
    let (doc_type, title, text) = match kind {
        FinanceKind::Invoice => (
            "invoice",
            "Avis d'échéance",
            format!(
                "nous vous prions de bien vouloir régler la prime avant le {} en indiquant le \
                     numéro de l'avis.",
                de(due).replace('.', "/")
            ),
        ),
        FinanceKind::Dunning => (
            "dunning",
            "Relance",
            format!(
                "sauf erreur de notre part, nous n'avons pas encore reçu votre règlement. Nous \
                     vous remercions de régulariser votre situation avant le {}.",
                de(due).replace('.', "/")
            ),
        ),
        FinanceKind::Credit => (
            "invoice",
            "Avis de remboursement",
            "suite à la résiliation du contrat, nous vous remboursons la prime non absorbée."
                .to_owned(),
        ),
    };
    let spec = letter(title, &k.customer.name, "fr-FR")
        .row("Numéro", number)
        .row("Date", de(issue).replace('.', "/"))
        .row("Échéance", de(due).replace('.', "/"))
        .row("Numéro de police", &k.policy_number)
        .row("Branche", profile(k.plan.lob).name_fr)
        .row(
            "Montant",
            money(amount, k.plan.currency).replace('.', "\u{a0}"),
        )
        .paragraph(format!("Madame, Monsieur,\n{text}"))
        .paragraph(
            "Veuillez agréer, Madame, Monsieur, nos salutations distinguées.\nHanse Assekuranz",
        );
    (doc_type, spec, format!("{title} {number}"))
}

//! A claim's status history and its letters: acknowledgement, settlement or
//! rejection, and an expert report for larger losses.

use kp_domain::{ClaimId, ClaimStatus};
use kp_storage::write::claims::{self, NewClaim, NewClaimStatus};
use kp_storage::write::documents::DocumentContext;

use super::Seeder;
use super::build::ContractRef;
use super::records::StoredFile;
use crate::calendar::{at, de, money, plus_days};
use crate::pdfs::letter;
use crate::{DemoError, images};

/// The statuses a claim passed through to reach `last`, each with a note
/// and the days after the report it was reached.
pub(crate) fn path(last: ClaimStatus, paid: &str) -> Vec<(ClaimStatus, String, u64)> {
    use ClaimStatus::*;
    let mut steps = vec![(Reported, "Schadenmeldung eingegangen".to_owned(), 0)];
    if last != Reported {
        steps.push((
            InReview,
            "An den Versicherer weitergeleitet, Prüfung läuft".to_owned(),
            2,
        ));
    }
    match last {
        Accepted => steps.push((
            Accepted,
            "Deckung bestätigt, Regulierung in Vorbereitung".to_owned(),
            12,
        )),
        Settled | Closed => {
            steps.push((Settled, format!("Reguliert, Zahlung {paid} angewiesen"), 21))
        }
        Rejected => steps.push((
            Rejected,
            "Abgelehnt: kein Versicherungsschutz für diese Schadenursache".to_owned(),
            18,
        )),
        // The timeline's own steps (issue 10) are set in the portal;
        // the demo's claims use the older keys.
        Reported | InReview | Received | Assessment | Settlement => {}
    }
    if last == Closed {
        steps.push((Closed, "Schadenakte geschlossen".to_owned(), 35));
    }
    steps
}

pub(super) async fn history_and_letters(
    s: &mut Seeder<'_>,
    k: &ContractRef,
    id: ClaimId,
    c: &NewClaim,
) -> Result<(), DemoError> {
    let paid = money(c.paid_minor, &c.currency);
    let mut last_day = c.reported_on;
    for (status, note, days) in path(c.status, &paid) {
        let day = plus_days(c.reported_on, days);
        last_day = day;
        let entry = NewClaimStatus {
            claim_id: id,
            status,
            note,
            changed_at: at(day, 9 + (days % 7) as u32, 20),
        };
        claims::add_status(&mut s.tx, &entry).await?;
    }
    let (title, text) = match c.status {
        ClaimStatus::Settled | ClaimStatus::Closed => (
            "Schadenregulierung",
            format!(
                "der Versicherer hat den Schaden reguliert und {paid} zur Zahlung angewiesen. \
                     Der Betrag geht Ihnen in den nächsten Tagen zu."
            ),
        ),
        ClaimStatus::Rejected => (
            "Ablehnung der Schadenregulierung",
            "der Versicherer hat den Schaden geprüft und lehnt eine Regulierung ab, da die \
             Schadenursache nicht vom Versicherungsumfang erfasst ist. Gern prüfen wir mit Ihnen, \
             ob ein Widerspruch Aussicht auf Erfolg hat."
                .to_owned(),
        ),
        _ => (
            "Eingangsbestätigung Ihrer Schadenmeldung",
            "vielen Dank für Ihre Schadenmeldung. Wir haben den Schaden an den Versicherer \
             weitergeleitet und melden uns, sobald uns dessen Stellungnahme vorliegt."
                .to_owned(),
        ),
    };
    let spec = letter(title, &k.customer.name, "de-DE")
        .row("Schadennummer (Makler)", &c.broker_claim_number)
        .row("Schadennummer (Versicherer)", &c.insurer_claim_number)
        .row("Versicherungsschein-Nr.", &k.policy_number)
        .row("Schadentag", de(c.date_of_loss))
        .row("Schadenort", &c.place)
        .row("Schadenhergang", &c.description)
        .paragraph(format!("Sehr geehrte Damen und Herren,\n{text}"))
        .paragraph("Mit freundlichen Grüßen\nSabine Meyer, Schadenabteilung");
    let file = format!(
        "{}_{}.pdf",
        title.split(' ').next().unwrap_or("Schaden"),
        c.broker_claim_number
    );
    s.add_document(
        DocumentContext::Claim(id),
        "claim_letter",
        &format!("{title} {}", c.broker_claim_number),
        &file,
        &spec,
        at(last_day, 11, 0),
    )
    .await?;
    if c.reserve_minor + c.paid_minor >= 1_000_000 {
        expert_report(s, k, id, c).await?;
    }
    photo(s, id, c).await
}

/// The photo the customer or the loss adjuster took of the damage.
async fn photo(s: &mut Seeder<'_>, id: ClaimId, c: &NewClaim) -> Result<(), DemoError> {
    let stored = images::store(s.blobs, &images::damage_photo(id.0 as u32)).await?;
    s.add_file(
        DocumentContext::Claim(id),
        "claim_photo",
        &format!("Schadenfoto {}", c.broker_claim_number),
        &format!("Schadenfoto_{}.png", c.broker_claim_number),
        StoredFile {
            stored,
            media_type: "image/png",
        },
        at(plus_days(c.reported_on, 1), 16, 20),
    )
    .await
}

async fn expert_report(
    s: &mut Seeder<'_>,
    k: &ContractRef,
    id: ClaimId,
    c: &NewClaim,
) -> Result<(), DemoError> {
    let amount = money(c.reserve_minor.max(c.paid_minor), &c.currency);
    let spec = letter("Sachverständigengutachten", &k.customer.name, "de-DE")
        .row("Auftraggeber", s.insurer_name(k.plan.insurer))
        .row("Schadennummer", &c.insurer_claim_number)
        .row("Besichtigung", de(plus_days(c.reported_on, 5)))
        .row("Schadenort", &c.place)
        .row("Geschätzte Schadenhöhe", amount)
        .paragraph(format!("Feststellungen: {}", c.description))
        .paragraph(
            "Die Schadenursache wurde vor Ort aufgenommen und fotografisch dokumentiert. Die \
             Wiederherstellungskosten wurden anhand von Angeboten der Fachbetriebe plausibilisiert; \
             ein Abzug neu für alt ist nicht vorzunehmen.",
        )
        .paragraph("Ingenieurbüro Lindner & Partner, öffentlich bestellte und vereidigte Sachverständige");
    let file = format!("Gutachten_{}.pdf", c.broker_claim_number);
    s.add_document(
        DocumentContext::Claim(id),
        "expert_report",
        &format!("Gutachten {}", c.broker_claim_number),
        &file,
        &spec,
        at(plus_days(c.reported_on, 9), 14, 0),
    )
    .await
}

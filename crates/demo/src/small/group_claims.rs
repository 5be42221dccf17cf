//! The group's claims: the machine breakdown and the paint-shop fire in
//! Augsburg (which Jens W. sees), fleet and cargo losses elsewhere, and
//! claims in CHF and USD abroad.

use kp_domain::{ClaimStatus as S, FinanceKind, ObjectId};

use super::Seeder;
use super::build::{ClaimPlan, ContractRef};
use crate::DemoError;
use crate::calendar::{anchor, date, minus_days, plus_days};

/// Programme index (see `group::PROGRAMMES`), object index (or none),
/// claim type, cause, description, date of loss, status, reserve, paid (in
/// whole units).
type GroupClaim = (
    usize,
    Option<usize>,
    &'static str,
    &'static str,
    &'static str,
    (i32, u32, u32),
    S,
    i64,
    i64,
);

const CLAIMS: &[GroupClaim] = &[
    (
        7,
        Some(1),
        "machine_breakdown",
        "Hydraulikschaden",
        "Druckverlust an der Hauptzylinderdichtung, Pressenstößel abgesackt; Werkzeug und Führungen beschädigt. Produktionsausfall Linie 2.",
        (2026, 9, 8),
        S::InReview,
        85_000,
        0,
    ),
    (
        6,
        Some(1),
        "fire",
        "Brand",
        "Brand in der Lackierkabine durch Funkenflug; Abluftanlage und Teile des Dachs zerstört.",
        (2025, 11, 18),
        S::Settled,
        0,
        240_000,
    ),
    (
        8,
        Some(0),
        "collision",
        "Rangierschaden",
        "Transporter beim Rückwärtsfahren auf dem Werksgelände gegen Rolltor gestoßen.",
        (2026, 9, 24),
        S::Reported,
        4_500,
        0,
    ),
    (
        1,
        Some(0),
        "water",
        "Leitungswasser",
        "Undichte Sprinklerleitung im Lager, Verpackungsmaterial und Elektronikbauteile durchfeuchtet.",
        (2026, 7, 2),
        S::Accepted,
        32_000,
        0,
    ),
    (
        12,
        Some(0),
        "machine_breakdown",
        "Bedienungsfehler",
        "Kollision der Spindel mit dem Spannmittel, Spindel getauscht.",
        (2026, 2, 12),
        S::Settled,
        0,
        18_600,
    ),
    (
        21,
        Some(0),
        "collision",
        "Verkehrsunfall",
        "Sattelzug auf der A1 bei Stillhorn in ein Stauende gefahren, Fahrerhaus beschädigt.",
        (2026, 4, 20),
        S::Settled,
        0,
        23_000,
    ),
    (
        21,
        Some(1),
        "theft",
        "Diebstahl",
        "Ladung vom unbewachten Parkplatz gestohlen; Obliegenheit zur Nutzung bewachter Parkplätze verletzt.",
        (2026, 1, 9),
        S::Rejected,
        0,
        0,
    ),
    (
        2,
        Some(0),
        "transport_damage",
        "Seewasser",
        "Seewasserschaden an zwei Maschinen im Container MSKU 482913-0, Reise Hamburg–Shanghai.",
        (2026, 8, 27),
        S::InReview,
        64_000,
        0,
    ),
    (
        25,
        Some(0),
        "fire",
        "Kurzschluss",
        "Schmorbrand im Schaltschrank der Spritzgießhalle, Rußschäden.",
        (2025, 10, 2),
        S::Closed,
        0,
        5_400,
    ),
    (
        35,
        None,
        "liability",
        "Dommage matériel",
        "Dommages matériels chez un client lors d'une intervention de maintenance à Villeurbanne.",
        (2026, 6, 17),
        S::InReview,
        15_000,
        0,
    ),
    (
        39,
        Some(0),
        "machine_breakdown",
        "Getriebeschaden",
        "Getriebeschaden am Extruder 2 nach Schmiermittelverlust.",
        (2026, 3, 5),
        S::Settled,
        0,
        7_800,
    ),
    (
        41,
        None,
        "liability",
        "Product liability",
        "Customer alleges injury caused by a defective guard on a delivered press.",
        (2026, 9, 15),
        S::Reported,
        25_000,
        0,
    ),
];

pub(super) async fn seed(
    s: &mut Seeder<'_>,
    contracts: &[(ContractRef, Vec<ObjectId>)],
) -> Result<(), DemoError> {
    for (i, &(p, o, claim_type, cause, description, (y, m, d), status, reserve, paid)) in
        CLAIMS.iter().enumerate()
    {
        let Some((k, objects)) = contracts.get(p) else {
            continue;
        };
        let object = o.and_then(|o| objects.get(o).copied());
        let plan = ClaimPlan {
            object,
            claim_type,
            cause,
            place: k.customer.address.clone(),
            description: description.into(),
            date_of_loss: date(y, m, d),
            status,
            reserve: reserve * 100,
            paid: paid * 100,
        };
        let id = s.add_claim(k, plan).await?;
        if let Some(object) = object.filter(|_| i == 0) {
            s.journey.augsburg_claim = Some((k.clone(), object, id));
        }
    }
    france_dunning(s, contracts).await
}

/// Claire D.'s journey: an overdue premium invoice of the French
/// subsidiary and the dunning notice (relance) for it.
async fn france_dunning(
    s: &mut Seeder<'_>,
    contracts: &[(ContractRef, Vec<ObjectId>)],
) -> Result<(), DemoError> {
    let france: Vec<&ContractRef> = contracts
        .iter()
        .map(|(k, _)| k)
        .filter(|k| k.customer.french)
        .collect();
    let Some(k) = france.last() else {
        return Ok(());
    };
    let due = date(2026, 8, 1);
    let quarter = k.gross / 4;
    s.add_finance(
        k,
        FinanceKind::Invoice,
        minus_days(due, 28),
        due,
        quarter,
        None,
    )
    .await?;
    let issued = minus_days(anchor(), 9);
    s.add_finance(
        k,
        FinanceKind::Dunning,
        issued,
        plus_days(issued, 14),
        quarter,
        None,
    )
    .await?;
    Ok(())
}

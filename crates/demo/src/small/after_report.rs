//! After the report (issue 10): Martina K.'s report of a water damage in
//! her flat, waiting for Sabine M. to accept it (journey 19), and an open
//! checklist item on her windscreen claim ("repair invoice").

use kp_domain::{PortalUserId, TenantId};
use kp_storage::claim_checklist;
use kp_storage::claim_reports::{self, NewClaimReport};

use super::Seeder;
use crate::DemoError;
use crate::calendar::{at, date};

pub(super) async fn seed(s: &mut Seeder<'_>, martina: PortalUserId) -> Result<(), DemoError> {
    let (Some((home, flat)), Some(windscreen)) =
        (s.journey.martina_home.clone(), s.journey.martina_windscreen)
    else {
        return Err(DemoError::Incomplete("Martina's flat and windscreen claim"));
    };
    let tenant: TenantId = s.base.tenants[home.customer.tenant];
    let sent = at(date(2026, 11, 20), 18, 40);
    // Counted like the wizard's reports, so the next one gets the next
    // number.
    let number = claim_reports::next_number(&mut s.tx, tenant, 2026).await?;
    let reference = format!("SM-2026-{number:06}");
    claim_reports::insert(
        &mut s.tx,
        &NewClaimReport {
            tenant_id: tenant,
            reference: &reference,
            draft_id: None,
            portal_user_id: martina,
            customer_id: home.customer.id.0,
            contract_id: home.id.0,
            object_id: Some(flat.0),
            date_of_loss: date(2026, 11, 19),
            time_of_loss: "21:30",
            place: "Hoheluftchaussee 58, Küche",
            claim_type: "water",
            description: "Der Schlauch der Spülmaschine ist geplatzt; Wasser ist in den Küchenboden \
                          und in die Wohnung darunter gelaufen.",
            estimated_amount_minor: Some(240_000),
            currency: "EUR",
            third_parties: "Familie Brandt, 2. OG (Wasserfleck an der Decke)",
            police_report: "",
            contact_phone: "+49 170 4418293",
            contact_email: crate::accounts::MARTINA,
            approved_by: None,
            at: sent,
        },
    )
    .await?;
    claim_checklist::insert(
        &mut s.tx,
        windscreen,
        "Reparaturrechnung der Werkstatt (Windschutzscheibe)",
        Some(date(2026, 12, 31)),
        at(date(2026, 11, 2), 9, 0),
    )
    .await?;
    Ok(())
}

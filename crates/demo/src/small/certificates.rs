//! Transport certificates Dr. B. issued under the group's open cover, with
//! their PDFs.

use kp_documents::PdfSpec;
use kp_domain::PortalUserId;
use kp_storage::write::certificates::{self, NewCertificate};
use kp_storage::write::documents::{DocumentContext, NewDocument};

use super::Seeder;
use crate::DemoError;
use crate::calendar::{at, date, de, money};
use crate::pdfs::{letter, store};

/// Number, from, to, goods, value in euros, conveyance, shipment date.
type Shipment = (
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    i64,
    &'static str,
    (i32, u32, u32),
);

const SHIPMENTS: &[Shipment] = &[
    (
        "TC-2026-000118",
        "Hamburg",
        "Shanghai",
        "2 Bearbeitungszentren DMU 125 P, seemäßig verpackt",
        1_364_000,
        "Seefracht, Container MSKU 482913-0",
        (2026, 8, 20),
    ),
    (
        "TC-2026-000131",
        "Hamburg",
        "Shanghai",
        "2 Bearbeitungszentren DMU 125 P, seemäßig verpackt (Akkreditiv Bank of Shanghai)",
        1_650_000,
        "Seefracht, Container TGHU 771204-6",
        (2026, 9, 28),
    ),
    (
        "TC-2026-000132",
        "München",
        "Singapur",
        "Ersatzteile Hydraulik und Steuerungstechnik",
        86_500,
        "Luftfracht MUC–SIN",
        (2026, 9, 25),
    ),
];

pub(super) async fn seed(s: &mut Seeder<'_>, stefan: PortalUserId) -> Result<(), DemoError> {
    let Some(cover) = s.journey.open_cover.clone() else {
        return Ok(());
    };
    for &(number, from, to, goods, value, conveyance, (y, m, d)) in SHIPMENTS {
        let shipped = date(y, m, d);
        let cert = NewCertificate {
            contract_id: cover.id,
            number: number.into(),
            insured_name: cover.customer.name.clone(),
            from_place: from.into(),
            to_place: to.into(),
            goods: goods.into(),
            value_minor: value * 100,
            currency: "EUR".into(),
            conveyance: conveyance.into(),
            shipment_date: shipped,
            created_by_portal_user_id: Some(stefan),
            created_at: at(shipped, 7, 45),
        };
        let id = certificates::insert(&mut s.tx, &cert).await?;
        let spec = pdf(
            &cert,
            &cover.policy_number,
            s.insurer_name(cover.plan.insurer),
        );
        let stored = store(s.blobs, &spec).await?;
        let doc = NewDocument {
            context: DocumentContext::Certificate(id),
            external_id: None,
            document_type: "certificate".into(),
            title: format!("Versicherungszertifikat {number}"),
            file_name: format!("Zertifikat_{number}.pdf"),
            media_type: "application/pdf".into(),
            size_bytes: stored.size_bytes,
            sha256: stored.sha256,
            storage_key: stored.storage_key,
            source: "portal".into(),
            uploaded_by_portal_user_id: Some(stefan),
            uploaded_by_staff_id: None,
            created_at: at(shipped, 7, 45),
        };
        kp_storage::write::documents::insert(&mut s.tx, &kp_domain::Scope::everything(), &doc)
            .await?;
    }
    Ok(())
}

fn pdf(c: &NewCertificate, policy: &str, insurer: &str) -> PdfSpec {
    letter(
        "Versicherungszertifikat / Certificate of Insurance",
        &format!("Nr. {}", c.number),
        "de-DE",
    )
    .row("Versicherer / Insurer", insurer)
    .row("Generalpolice / Open cover", policy)
    .row("Versicherungsnehmer / Assured", &c.insured_name)
    .row("Von / From", &c.from_place)
    .row("Nach / To", &c.to_place)
    .row("Güter / Goods", &c.goods)
    .row("Transportmittel / Conveyance", &c.conveyance)
    .row("Abgangsdatum / Sailing date", de(c.shipment_date))
    .row(
        "Versicherungswert / Insured value",
        money(c.value_minor, &c.currency),
    )
    .paragraph(
        "Versichert gemäß den DTV-Güterversicherungsbedingungen 2000/2011, volle Deckung \
             einschließlich der Kriegs- und Streikrisiken. Schäden sind unverzüglich dem nächsten \
             Havariekommissar zu melden. / Insured under the terms of the open cover, all risks \
             including war and strikes. Claims payable in Germany in EUR.",
    )
}

//! 0210 Vertragsspezifischer Teil: one table per Sparte layout.

use super::{
    BASE, RiskLayout, VehicleFields, address, currency, dates_0210, premium, product, sum,
};
use crate::field::{f, fl};
use crate::records::risk::LineKind;

pub(super) const LEBEN_0210: RiskLayout = RiskLayout {
    kind: LineKind::Leben,
    currency: currency(1, 44),
    product: product(2, 97, 116),
    ..BASE
};
pub(super) const KRANKEN_0210: RiskLayout = RiskLayout {
    kind: LineKind::Kranken,
    currency: currency(1, 219),
    product: product(2, 43, 62),
    ..BASE
};
pub(super) const UNFALL_0210: RiskLayout = RiskLayout {
    currency: currency(1, 93),
    premium: premium(1, 120, 131),
    product: product(1, 210, 229),
    ..dates_0210(LineKind::Unfall, 43)
};
pub(super) const HAFTPFLICHT_0210: RiskLayout = RiskLayout {
    currency: currency(1, 127),
    premium: premium(1, 154, 165),
    product: product(1, 195, 214),
    ..dates_0210(LineKind::Haftpflicht, 43)
};
pub(super) const KFZ_0210: RiskLayout = RiskLayout {
    kind: LineKind::Kfz,
    start: Some(f(2, 195, 202, "BeginnVerssschutz")),
    currency: currency(1, 149),
    premium: premium(1, 152, 163),
    product: product(2, 169, 188),
    vehicle: Some(VehicleFields {
        make: f(1, 50, 64, "Herstellername"),
        model: f(1, 65, 89, "Modellname"),
        hsn: f(1, 90, 93, "HerstellerSchluesselNr"),
        tsn: f(1, 94, 96, "TypschluesselNr"),
        vin: f(1, 97, 113, "FahrzeugidentifizierungsNr"),
        plate: f(1, 114, 125, "AmtlichesKennzeichen"),
        first_registration: f(1, 126, 133, "Erstzulassung"),
    }),
    ..BASE
};
pub(super) const RECHTSSCHUTZ_0210: RiskLayout = RiskLayout {
    currency: currency(1, 77),
    premium: premium(1, 80, 91),
    product: product(1, 127, 146),
    ..dates_0210(LineKind::Rechtsschutz, 43)
};
pub(super) const FEUER_0210: RiskLayout = RiskLayout {
    currency: currency(1, 69),
    sum_insured: sum(1, 96, 107),
    premium: premium(1, 108, 119),
    product: product(2, 55, 74),
    ..dates_0210(LineKind::FeuerSach, 44)
};
pub(super) const GLAS_0210: RiskLayout = RiskLayout {
    currency: currency(1, 68),
    sum_insured: sum(1, 95, 106),
    premium: premium(1, 107, 118),
    product: product(1, 152, 171),
    ..dates_0210(LineKind::Glas, 43)
};
pub(super) const HAUSRAT_0210: RiskLayout = RiskLayout {
    currency: currency(1, 142),
    sum_insured: sum(1, 169, 180),
    premium: premium(1, 181, 192),
    product: product(2, 43, 62),
    object_number: Some(f(1, 252, 256, "ObjektNr")),
    address: address(1, Some(78), 81, 87, 112),
    ..dates_0210(LineKind::Hausrat, 43)
};
pub(super) const WOHNGEBAEUDE_0210: RiskLayout = RiskLayout {
    kind: LineKind::Wohngebaeude,
    ..GLAS_0210
};
pub(super) const TECHNIK_0210: RiskLayout = RiskLayout {
    kind: LineKind::TechnischeVersicherungen,
    product: product(2, 44, 63),
    ..FEUER_0210
};
pub(super) const TRANSPORT_0210: RiskLayout = RiskLayout {
    currency: Some(f(1, 121, 123, "WaehrungsschluesselPraemien")),
    sum_insured: sum(1, 109, 120),
    premium: Some(fl(1, 160, 171, 2, "GespraemieInWE")),
    product: product(1, 211, 230),
    ..dates_0210(LineKind::Transport, 81)
};

//! 0220 Spartenspezifischer Teil: one table per Sparte layout (and Leben/Kranken variant).

use super::{BASE, PersonFields, RiskLayout, address, currency, premium, tariff};
use crate::field::{f, fl};
use crate::records::risk::LineKind;

pub(super) const LEBEN_PERSON: RiskLayout = RiskLayout {
    person: Some(PersonFields {
        number: Some(f(1, 43, 59, "LfdNrVersichertenPersonVp")),
        name: Some(f(1, 62, 91, "NameVp")),
        first_name: None,
        birth_date: Some(f(1, 122, 129, "GeburtsdatumVp")),
    }),
    ..BASE
};
/// Wagnisart groups share Beginn/Ablauf/Beitrag at 62–101; the tariff moves.
pub(super) const LEBEN_WAGNIS: RiskLayout = RiskLayout {
    start: Some(f(1, 62, 69, "Beginn")),
    end: Some(f(1, 70, 77, "Ablauf")),
    premium: Some(fl(1, 90, 101, 2, "Beitrag")),
    risk_type: Some(f(1, 60, 60, "Wagnisart")),
    person: Some(PersonFields {
        number: Some(f(1, 43, 59, "LfdNrVersichertenPersonVp")),
        name: None,
        first_name: None,
        birth_date: None,
    }),
    ..BASE
};
pub(super) const LEBEN_13: RiskLayout = RiskLayout {
    tariff: tariff(1, 142, 161),
    ..LEBEN_WAGNIS
};
pub(super) const LEBEN_2: RiskLayout = RiskLayout {
    tariff: tariff(1, 102, 121),
    ..LEBEN_WAGNIS
};
pub(super) const LEBEN_TD2_TARIFF: RiskLayout = RiskLayout {
    tariff: tariff(2, 62, 91),
    ..LEBEN_WAGNIS
};
/// Wagnisart 6 gives the premium in per mille only; it stays raw.
pub(super) const LEBEN_6: RiskLayout = RiskLayout {
    premium: None,
    ..LEBEN_TD2_TARIFF
};
pub(super) const KRANKEN_PERSON: RiskLayout = RiskLayout {
    kind: LineKind::Kranken,
    start: Some(f(1, 181, 188, "VerssbeginnVpUrsprungsbeginn")),
    currency: currency(1, 206),
    person: Some(PersonFields {
        number: Some(f(1, 43, 44, "LfdPersonenNrUnterNr")),
        name: Some(f(1, 51, 80, "NameVersichertenPersonVp")),
        first_name: Some(f(1, 81, 110, "VornameVersichertenPersonVp")),
        birth_date: Some(f(1, 131, 138, "GeburtsdatumVp")),
    }),
    ..BASE
};
pub(super) const KRANKEN_TARIFF: RiskLayout = RiskLayout {
    kind: LineKind::Kranken,
    start: Some(f(1, 118, 125, "VerssbeginnTarifes")),
    changed: Some(f(1, 136, 143, "Aenderungsdatum")),
    currency: currency(1, 152),
    premium: Some(fl(1, 155, 166, 2, "GesbeitragTarifInWE")),
    tariff: Some(f(1, 51, 70, "Tarif")),
    person: Some(PersonFields {
        number: Some(f(1, 43, 44, "LfdPersonenNrUnterNr")),
        name: None,
        first_name: None,
        birth_date: None,
    }),
    ..BASE
};
pub(super) const UNFALL_PERSON: RiskLayout = RiskLayout {
    kind: LineKind::Unfall,
    start: Some(f(1, 216, 223, "EinschlussdatVpPersonengruppe")),
    end: Some(f(1, 224, 231, "AusschlussdatumVpPersonengruppe")),
    changed: Some(f(1, 232, 239, "Aenderungsdatum")),
    currency: currency(1, 191),
    premium: Some(fl(1, 204, 215, 2, "BeitragProVpOderProPersonengruppeInWE")),
    description: Some(f(1, 50, 79, "BezeichnungPersonengruppe")),
    person: Some(PersonFields {
        number: Some(f(1, 43, 48, "LfdNrVersichertenPersonVpPersonengruppe")),
        name: Some(f(1, 86, 115, "NameVp")),
        first_name: Some(f(1, 116, 145, "VornameVp")),
        birth_date: Some(f(1, 146, 153, "GeburtsdatumVp")),
    }),
    ..BASE
};
pub(super) const HAFTPFLICHT_0220: RiskLayout = RiskLayout {
    kind: LineKind::Haftpflicht,
    start: Some(f(1, 187, 194, "Beginn")),
    end: Some(f(1, 195, 202, "Ausschluss")),
    changed: Some(f(1, 203, 210, "Aenderungsdatum")),
    currency: currency(1, 68),
    premium: premium(1, 120, 131),
    risk_type: Some(f(1, 43, 48, "Wagnisart")),
    address: address(2, None, 182, 188, 213),
    ..BASE
};
const fn kfz_dates() -> RiskLayout {
    RiskLayout {
        kind: LineKind::Kfz,
        start: Some(f(1, 43, 50, "Beginn")),
        end: Some(f(1, 51, 58, "Ausschluss")),
        changed: Some(f(1, 59, 66, "Aenderungsdatum")),
        ..BASE
    }
}
pub(super) const KFZ_KH: RiskLayout = RiskLayout {
    premium: Some(fl(1, 110, 117, 1, "KhBeitragInWE")),
    no_claims_class: Some(f(1, 102, 106, "KhSfSKlasse")),
    tariff: Some(f(1, 183, 192, "Tarif")),
    ..kfz_dates()
};
pub(super) const KFZ_VOLLKASKO: RiskLayout = RiskLayout {
    premium: Some(fl(1, 83, 90, 1, "KfvBeitragInWE")),
    no_claims_class: Some(f(1, 75, 79, "KfvSfSKlasse")),
    tariff: Some(f(1, 168, 177, "Tarif")),
    ..kfz_dates()
};
pub(super) const KFZ_TEILKASKO: RiskLayout = RiskLayout {
    premium: Some(fl(1, 73, 80, 1, "KftBeitragInWE")),
    tariff: Some(f(1, 142, 151, "Tarif")),
    ..kfz_dates()
};
pub(super) const RECHTSSCHUTZ_0220: RiskLayout = RiskLayout {
    kind: LineKind::Rechtsschutz,
    status: Some(f(1, 54, 54, "Vertragsstatus")),
    start: Some(f(1, 55, 62, "Beginn")),
    end: Some(f(1, 63, 70, "Ausschluss")),
    changed: Some(f(1, 71, 78, "Aenderungsdatum")),
    currency: currency(1, 88),
    premium: Some(fl(1, 91, 102, 2, "BeitragInWE")),
    description: Some(f(1, 103, 132, "Risikotext")),
    object_number: Some(f(1, 48, 52, "LfdNr")),
    risk_type: Some(f(1, 43, 47, "RisikogruppeRisikoart")),
    ..BASE
};
pub(super) const FEUER_0220: RiskLayout = RiskLayout {
    kind: LineKind::FeuerSach,
    sum_insured: Some(f(2, 83, 94, "VersssummeAktuellInWE")),
    premium: Some(fl(2, 115, 126, 2, "BeitragAktuellInWE")),
    description: Some(f(1, 50, 79, "BeschreibungZuLfdNrObjektKomplex")),
    object_number: Some(f(1, 43, 45, "LfdNrVerssgrundstueck")),
    ..BASE
};
pub(super) const GLAS_0220: RiskLayout = RiskLayout {
    kind: LineKind::Glas,
    start: Some(f(1, 43, 50, "Beginn")),
    end: Some(f(1, 51, 58, "Ausschluss")),
    changed: Some(f(1, 59, 66, "Aenderungsdatum")),
    sum_insured: Some(f(1, 144, 155, "VersssummeInWE")),
    premium: Some(fl(1, 167, 178, 2, "BeitragInWE")),
    object_number: Some(f(1, 210, 215, "RisikoLfdNr")),
    address: address(1, Some(67), 70, 76, 101),
    ..BASE
};
pub(super) const HAUSRAT_0220: RiskLayout = RiskLayout {
    kind: LineKind::Hausrat,
    sum_insured: Some(f(1, 76, 87, "VersssummeEntschaedigungsgrenzeInWE")),
    premium: Some(fl(1, 117, 128, 2, "BeitragInWE")),
    description: Some(f(1, 204, 233, "BezeichnungZusatzdeckung")),
    object_number: Some(f(1, 252, 256, "ObjektNr")),
    address: None,
    ..GLAS_0220
};
pub(super) const WOHNGEBAEUDE_0220: RiskLayout = RiskLayout {
    kind: LineKind::Wohngebaeude,
    start: Some(f(1, 52, 59, "Beginn")),
    end: Some(f(1, 60, 67, "Ausschluss")),
    changed: Some(f(1, 68, 75, "Aenderungsdatum")),
    sum_insured: Some(f(2, 116, 127, "VersssummeAktuellInWE")),
    premium: Some(fl(2, 154, 165, 2, "BeitragAktuellInWE")),
    description: Some(f(2, 57, 86, "Objektbeschreibung")),
    object_number: Some(f(1, 47, 50, "ObjektNr")),
    address: address(1, Some(76), 79, 85, 110),
    ..BASE
};
pub(super) const TECHNIK_0220: RiskLayout = RiskLayout {
    kind: LineKind::TechnischeVersicherungen,
    end: Some(f(2, 59, 66, "Ausschluss")),
    changed: Some(f(2, 67, 74, "Aenderungsdatum")),
    sum_insured: Some(f(2, 175, 186, "VersssummeInWE")),
    premium: Some(fl(2, 236, 247, 2, "BeitragAktuellInWE")),
    description: Some(f(1, 115, 144, "Betriebsart")),
    object_number: Some(f(1, 46, 49, "LfdNrPositionMaschinenverzeichnisses")),
    ..BASE
};
pub(super) const TRANSPORT_0220: RiskLayout = RiskLayout {
    kind: LineKind::Transport,
    end: Some(f(1, 58, 65, "Ausschluss")),
    changed: Some(f(1, 66, 73, "Aenderungsdatum")),
    currency: Some(f(2, 72, 74, "WaehrungsschluesselPraemien")),
    sum_insured: Some(f(2, 53, 64, "VersssummeInWE")),
    premium: Some(fl(2, 111, 122, 2, "GespraemieInWE")),
    description: Some(f(1, 74, 123, "VersichertesRisiko")),
    object_number: Some(f(1, 43, 46, "LfdNrRisikos")),
    ..BASE
};

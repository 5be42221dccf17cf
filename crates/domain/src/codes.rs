//! Closed vocabularies stored as short text keys. The key is what the
//! database and the API carry; the web layer translates it with the
//! Fluent message `<prefix>-<key>` (for example `lob-motor`).

use serde::{Deserialize, Serialize};

pub use crate::permission_codes::{Function, MenuArea};

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown {kind} code {value:?}")]
pub struct UnknownCode {
    pub kind: &'static str,
    pub value: String,
}

macro_rules! code_enum {
    ($(#[$meta:meta])* $name:ident, $kind:literal { $($variant:ident = $key:literal),* $(,)? }) => {
        $(#[$meta])*
        // ToSchema: the OpenAPI document of the sync API lists the keys.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, utoipa::ToSchema)]
        #[serde(rename_all = "snake_case")]
        pub enum $name { $($variant),* }

        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$variant),*];

            pub fn as_str(self) -> &'static str {
                match self { $($name::$variant => $key),* }
            }

            pub fn parse(value: &str) -> Result<$name, UnknownCode> {
                match value {
                    $($key => Ok($name::$variant),)*
                    _ => Err(UnknownCode { kind: $kind, value: value.to_owned() }),
                }
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl std::str::FromStr for $name {
            type Err = UnknownCode;
            fn from_str(s: &str) -> Result<Self, Self::Err> { $name::parse(s) }
        }
    };
}

// Other modules of the crate declare their vocabularies the same way.
pub(crate) use code_enum;

code_enum!(
    /// Sparte. GDV codes are kept alongside for the import and export.
    /// `Other` takes Sparten the portal has no line of business for (GDV
    /// bundles 000, Sterbegeld 510 …) in the GDV import.
    LineOfBusiness, "line of business" {
        Life = "life",
        Health = "health",
        Accident = "accident",
        PersonalLiability = "personal_liability",
        GeneralLiability = "general_liability",
        Motor = "motor",
        MotorFleet = "motor_fleet",
        LegalExpenses = "legal_expenses",
        Fire = "fire",
        Glass = "glass",
        HouseholdContents = "household_contents",
        ResidentialBuilding = "residential_building",
        Cargo = "cargo",
        Engineering = "engineering",
        CommercialContents = "commercial_contents",
        Other = "other",
    }
);

impl LineOfBusiness {
    /// The three-digit GDV Sparte, where the record description has one.
    pub fn gdv_code(self) -> Option<&'static str> {
        use LineOfBusiness::*;
        Some(match self {
            Life => "010",
            Health => "020",
            Accident => "030",
            PersonalLiability | GeneralLiability => "040",
            Motor => "050",
            LegalExpenses => "070",
            Fire => "080",
            Glass => "110",
            HouseholdContents => "130",
            ResidentialBuilding => "140",
            Engineering => "170",
            Cargo => "190",
            MotorFleet | CommercialContents | Other => return None,
        })
    }
}

code_enum!(
    /// Vertragsart.
    ContractType, "contract type" {
        Individual = "individual",
        Framework = "framework",
        Fleet = "fleet",
        OpenCover = "open_cover",
    }
);

code_enum!(
    ContractStatus, "contract status" {
        Offer = "offer",
        Active = "active",
        Suspended = "suspended",
        Cancelled = "cancelled",
        Expired = "expired",
    }
);

code_enum!(
    PaymentFrequency, "payment frequency" {
        Monthly = "monthly",
        Quarterly = "quarterly",
        HalfYearly = "half_yearly",
        Yearly = "yearly",
        Single = "single",
    }
);

impl PaymentFrequency {
    /// Instalments per year; a single premium counts once.
    pub fn per_year(self) -> i64 {
        match self {
            PaymentFrequency::Monthly => 12,
            PaymentFrequency::Quarterly => 4,
            PaymentFrequency::HalfYearly => 2,
            PaymentFrequency::Yearly | PaymentFrequency::Single => 1,
        }
    }
}

code_enum!(
    ClaimStatus, "claim status" {
        Reported = "reported",
        InReview = "in_review",
        Accepted = "accepted",
        Settled = "settled",
        Rejected = "rejected",
        Closed = "closed",
        // The steps of the claim's timeline (issue 10) besides in review
        // and closed; the older keys above map onto them.
        Received = "received",
        Assessment = "assessment",
        Settlement = "settlement",
    }
);

impl ClaimStatus {
    /// The steps of the status timeline the claim page shows, in order.
    pub const TIMELINE: [ClaimStatus; 5] = [
        ClaimStatus::Received,
        ClaimStatus::InReview,
        ClaimStatus::Assessment,
        ClaimStatus::Settlement,
        ClaimStatus::Closed,
    ];

    /// The timeline step (0–4) a claim with this status is at.
    pub fn step(self) -> usize {
        match self {
            ClaimStatus::Reported | ClaimStatus::Received => 0,
            ClaimStatus::InReview => 1,
            ClaimStatus::Accepted | ClaimStatus::Assessment => 2,
            ClaimStatus::Settlement | ClaimStatus::Settled => 3,
            ClaimStatus::Rejected | ClaimStatus::Closed => 4,
        }
    }
}

code_enum!(
    /// The kind of loss. The back office may send others; they show as
    /// `Other`.
    ClaimType, "claim type" {
        Water = "water",
        Storm = "storm",
        Fire = "fire",
        Burglary = "burglary",
        Theft = "theft",
        Glass = "glass",
        Collision = "collision",
        Liability = "liability",
        MachineBreakdown = "machine_breakdown",
        TransportDamage = "transport_damage",
        NaturalHazard = "natural_hazard",
        PersonalInjury = "personal_injury",
        Other = "other",
    }
);

impl ClaimType {
    /// Whether a customer may report this kind of loss under a contract of
    /// `line` (the claim wizard offers exactly these, FEATURES A4).
    pub fn fits(self, line: LineOfBusiness) -> bool {
        line.claim_types().contains(&self)
    }
}

impl LineOfBusiness {
    /// The kinds of loss the claim wizard offers for a contract of this
    /// line, most common first; `Other` always last.
    pub fn claim_types(self) -> &'static [ClaimType] {
        use ClaimType as T;
        use LineOfBusiness::*;
        match self {
            Motor | MotorFleet => &[
                T::Collision,
                T::Glass,
                T::Theft,
                T::Storm,
                T::NaturalHazard,
                T::Fire,
                T::Liability,
                T::Other,
            ],
            HouseholdContents | CommercialContents => &[
                T::Water,
                T::Burglary,
                T::Fire,
                T::Storm,
                T::Glass,
                T::NaturalHazard,
                T::Theft,
                T::Other,
            ],
            ResidentialBuilding | Fire => &[
                T::Fire,
                T::Water,
                T::Storm,
                T::NaturalHazard,
                T::Glass,
                T::Other,
            ],
            Glass => &[T::Glass, T::Other],
            PersonalLiability | GeneralLiability => &[T::Liability, T::PersonalInjury, T::Other],
            Engineering => &[T::MachineBreakdown, T::Fire, T::Water, T::Theft, T::Other],
            Cargo => &[T::TransportDamage, T::Theft, T::Other],
            Accident | Health | Life => &[T::PersonalInjury, T::Other],
            LegalExpenses | Other => &[T::Other],
        }
    }
}

code_enum!(
    ObjectKind, "object kind" {
        Building = "building",
        Vehicle = "vehicle",
        Location = "location",
        Machine = "machine",
        Person = "person",
        Goods = "goods",
        Other = "other",
    }
);

code_enum!(
    CustomerKind, "customer kind" {
        Person = "person",
        Company = "company",
    }
);

code_enum!(
    /// The kind of a document, for the inbox filter and its label. The
    /// back office may send others; they show as `Other`.
    DocumentType, "document type" {
        Policy = "policy",
        Offer = "offer",
        Invoice = "invoice",
        Dunning = "dunning",
        Certificate = "certificate",
        ClaimLetter = "claim_letter",
        ClaimReport = "claim_report",
        ClaimPhoto = "claim_photo",
        ExpertReport = "expert_report",
        Correspondence = "correspondence",
        Other = "other",
    }
);

code_enum!(
    FinanceKind, "finance kind" {
        Invoice = "invoice",
        Credit = "credit",
        Dunning = "dunning",
    }
);

code_enum!(
    StaffRole, "staff role" {
        Admin = "admin",
        Clerk = "clerk",
        AccountManager = "account_manager",
    }
);

code_enum!(
    PortalUserStatus, "portal user status" {
        Invited = "invited",
        Active = "active",
        Inactive = "inactive",
    }
);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_code_round_trips_through_its_key() {
        for lob in LineOfBusiness::ALL {
            assert_eq!(LineOfBusiness::parse(lob.as_str()), Ok(*lob));
        }
        for s in ClaimStatus::ALL {
            assert_eq!(s.as_str().parse::<ClaimStatus>(), Ok(*s));
        }
    }

    #[test]
    fn every_line_offers_other_and_a_car_no_machine_breakdown() {
        for lob in LineOfBusiness::ALL {
            assert_eq!(lob.claim_types().last(), Some(&ClaimType::Other));
        }
        assert!(ClaimType::Collision.fits(LineOfBusiness::Motor));
        assert!(!ClaimType::MachineBreakdown.fits(LineOfBusiness::Motor));
        assert!(!ClaimType::Collision.fits(LineOfBusiness::HouseholdContents));
    }

    #[test]
    fn unknown_codes_name_the_vocabulary() {
        let err = ContractStatus::parse("gone").err();
        assert_eq!(
            err.map(|e| e.to_string()),
            Some("unknown contract status code \"gone\"".to_owned())
        );
    }
}

code_enum!(
    /// Why a contract's premium changed (premium history, B10).
    PremiumChangeReason, "premium change reason" {
        Inception = "inception",
        Adjustment = "adjustment",
        Indexation = "indexation",
        Renewal = "renewal",
    }
);

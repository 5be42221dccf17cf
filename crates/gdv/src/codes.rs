//! Code lists (GDV "Anlagen") as enums. Unknown codes are kept, never rejected:
//! the lists grow with every release and insurers add their own values.

use serde::{Serialize, Serializer};

/// Defines a code enum with an `Unknown(String)` variant that keeps the raw code.
macro_rules! code_enum {
    ($(#[$meta:meta])* $name:ident { $($(#[$vmeta:meta])* $variant:ident = $code:literal,)* }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, PartialEq, Eq, Hash)]
        pub enum $name {
            $($(#[$vmeta])* $variant,)*
            /// A code this crate does not know, kept as it was in the file.
            Unknown(String),
        }

        impl $name {
            /// From the trimmed field text; `None` if the field is blank.
            pub fn from_code(code: &str) -> Option<Self> {
                let code = code.trim();
                if code.is_empty() {
                    return None;
                }
                Some(match code {
                    $($code => $name::$variant,)*
                    other => $name::Unknown(other.to_string()),
                })
            }

            /// The code as written in the file.
            pub fn code(&self) -> &str {
                match self {
                    $($name::$variant => $code,)*
                    $name::Unknown(code) => code,
                }
            }
        }

        impl Serialize for $name {
            fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                match self {
                    $($name::$variant => s.serialize_str(stringify!($variant)),)*
                    $name::Unknown(code) => s.serialize_str(&format!("Unknown({code})")),
                }
            }
        }
    };
}

code_enum! {
    /// Anredeschlüssel (0100 byte 43).
    Salutation {
        NoSalutation = "0",
        Mr = "1",
        Mrs = "2",
        Company = "3",
        MrAndMrs = "4",
        Miss = "5",
        Association = "6",
    }
}

code_enum! {
    /// Geschlecht (0100 byte 255).
    Gender {
        LegalEntity = "0",
        Male = "1",
        Female = "2",
    }
}

code_enum! {
    /// Adresskennzeichen, the partner's role on the contract (0100 bytes 237–238).
    AddressKind {
        PolicyHolder = "01",
        SecuredCreditor = "02",
        Payer = "03",
        AuthorisedRecipient = "04",
        Beneficiary = "05",
        Correspondent = "06",
        InsuredPerson = "09",
        VehicleOwner = "11",
        Driver = "12",
        Broker = "14",
        Claimant = "15",
    }
}

code_enum! {
    /// Zahlungsweise (0200 byte 68, 0400 byte 70).
    PaymentFrequency {
        Annual = "1",
        HalfYearly = "2",
        Quarterly = "4",
        Other = "5",
        SinglePayment = "6",
        Monthly = "8",
        PremiumFree = "9",
    }
}

code_enum! {
    /// Vertragsstatus (Anlage 24; 0200 byte 69 and the 0210/0220 status fields).
    ContractStatus {
        Active = "1",
        ActiveShortTerm = "2",
        Dormant = "3",
        Cancelled = "4",
        DormantPremiumFree = "5",
        PremiumFree = "6",
        PremiumFreeByBenefit = "7",
        PremiumDeferred = "8",
        Other = "9",
    }
}

code_enum! {
    /// Inkassoart (0200 byte 43, 0400 byte 43).
    CollectionType {
        Broker = "1",
        Direct = "2",
    }
}

code_enum! {
    /// Zahlungsart/-weg of a partner (0100 TD2 byte 245).
    PaymentMethod {
        DirectDebit = "1",
        Invoice = "2",
        StandingOrder = "3",
    }
}

code_enum! {
    /// Kommunikationstyp of a phone/fax/e-mail entry in 0100.
    CommunicationType {
        PhonePrivate = "10",
        PhoneBusiness = "20",
        Mobile = "30",
        Fax = "40",
        FaxPrivate = "41",
        FaxBusiness = "42",
        Email = "50",
        EmailPrivate = "51",
        EmailBusiness = "52",
    }
}

code_enum! {
    /// Erledigter Schaden (0500 byte 184).
    ClaimSettlement {
        Open = "0",
        Settled = "1",
        Duplicate = "2",
    }
}

code_enum! {
    /// Lieferart of a claim delivery (0500 byte 67).
    ClaimDelivery {
        Initial = "1",
        Cumulative = "2",
        Single = "3",
    }
}

impl CommunicationType {
    pub fn is_email(&self) -> bool {
        matches!(
            self,
            CommunicationType::Email
                | CommunicationType::EmailPrivate
                | CommunicationType::EmailBusiness
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn known_and_unknown_codes() {
        assert_eq!(
            PaymentFrequency::from_code("1"),
            Some(PaymentFrequency::Annual)
        );
        assert_eq!(PaymentFrequency::from_code(" "), None);
        let unknown = PaymentFrequency::from_code("7");
        assert_eq!(unknown, Some(PaymentFrequency::Unknown("7".into())));
        assert_eq!(unknown.map(|u| u.code().to_string()), Some("7".into()));
        assert_eq!(
            AddressKind::from_code("01"),
            Some(AddressKind::PolicyHolder)
        );
        assert_eq!(
            ContractStatus::from_code("4"),
            Some(ContractStatus::Cancelled)
        );
        assert_eq!(
            serde_json::to_string(&Salutation::Unknown("X".into())).ok(),
            Some("\"Unknown(X)\"".into())
        );
        assert!(CommunicationType::from_code("51").is_some_and(|c| c.is_email()));
    }
}

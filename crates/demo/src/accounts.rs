//! The fixed demo logins: the people of the user journeys, with their
//! passwords. Printed by the CLI, so anyone can try each journey.

use kp_domain::StaffRole;

/// Role, phone, member of both tenants (else of München only).
pub(crate) type StaffSpec = (StaffRole, &'static str, bool);

#[derive(Debug, Clone, Copy)]
pub(crate) struct Account {
    pub role: &'static str,
    pub name: &'static str,
    pub email: &'static str,
    pub password: &'static str,
    pub language: &'static str,
    /// `Some` for staff users, `None` for portal users.
    pub staff: Option<StaffSpec>,
}

const fn staff(
    role: &'static str,
    name: &'static str,
    email: &'static str,
    password: &'static str,
    spec: StaffSpec,
) -> Account {
    Account {
        role,
        name,
        email,
        password,
        language: "de",
        staff: Some(spec),
    }
}

const fn portal(
    role: &'static str,
    name: &'static str,
    email: &'static str,
    password: &'static str,
    language: &'static str,
) -> Account {
    Account {
        role,
        name,
        email,
        password,
        language,
        staff: None,
    }
}

pub(crate) const PETRA: &str = "petra.schulz@hanse-assekuranz.example.de";
pub(crate) const MARTINA: &str = "martina.keller@example.de";
pub(crate) const STEFAN: &str = "stefan.bauer@brenner-gruppe.example.de";
pub(crate) const JENS: &str = "jens.wagner@brenner-gruppe.example.de";
pub(crate) const CLAIRE: &str = "claire.dubois@brenner-france.example.fr";

/// Martina K.'s husband, a second login to her customer account who has
/// not accepted the terms of use and privacy notice yet (issue 8): the
/// portal leads him to the consent page first. Kept out of [`ACCOUNTS`], so
/// that the walks over every demo login are not stopped there.
pub(crate) const CONSENT_ACCOUNT: Account = portal(
    "customer: private customer, has not accepted the terms yet",
    "Jonas Keller",
    "jonas.keller@example.de",
    "Demo-Jonas-2026",
    "de",
);

/// The one login of the demo household "Familie Kranz" (issue 9): two
/// private customers share it. Kept out of [`ACCOUNTS`] like the other
/// special logins, so that the walks over every demo login stay as they
/// were.
pub(crate) const HOUSEHOLD_ACCOUNT: Account = portal(
    "customer: household login (Anna and Michael Kranz)",
    "Familie Kranz",
    "familie.kranz@example.de",
    "Demo-Kranz-2026",
    "de",
);

/// Staff first, in the order the seeder expects: Petra, Sabine, Thomas,
/// Andreas.
pub(crate) const ACCOUNTS: &[Account] = &[
    staff(
        "staff: portal administrator (both tenants)",
        "Petra Schulz",
        PETRA,
        "Demo-Petra-2026",
        (StaffRole::Admin, "+49 40 3087 4411", true),
    ),
    staff(
        "staff: claims clerk (both tenants)",
        "Sabine Meyer",
        "sabine.meyer@hanse-assekuranz.example.de",
        "Demo-Sabine-2026",
        (StaffRole::Clerk, "+49 40 3087 4425", true),
    ),
    staff(
        "staff: account manager, industrial clients (both tenants)",
        "Thomas Richter",
        "thomas.richter@hanse-assekuranz.example.de",
        "Demo-Thomas-2026",
        (StaffRole::AccountManager, "+49 89 2154 7731", true),
    ),
    staff(
        "staff: clerk (München)",
        "Andreas Huber",
        "andreas.huber@hanse-assekuranz.example.de",
        "Demo-Andreas-2026",
        (StaffRole::Clerk, "+49 89 2154 7724", false),
    ),
    portal(
        "customer: private customer",
        "Martina Keller",
        MARTINA,
        "Demo-Martina-2026",
        "de",
    ),
    portal(
        "customer: risk manager, Brenner Industrie Gruppe (all companies, organization administrator)",
        "Dr. Stefan Bauer",
        STEFAN,
        "Demo-Stefan-2026",
        "de",
    ),
    portal(
        "customer: plant manager Augsburg (site objects only)",
        "Jens Wagner",
        JENS,
        "Demo-Jens-2026",
        "de",
    ),
    portal(
        "customer: finance, Brenner France SAS (finance only)",
        "Claire Dubois",
        CLAIRE,
        "Demo-Claire-2026",
        "fr",
    ),
];

/// The demo's portal user with TOTP already enrolled, kept out of
/// [`ACCOUNTS`] so that every login there signs in with the password
/// alone (browser journey 01). Same organization as Stefan, profile
/// "Vollzugriff" (everything but managing users).
pub(crate) const TOTP_ACCOUNT: Account = portal(
    "customer: insurance department, Brenner Industrie Gruppe (two-factor: TOTP)",
    "Lena Vogt",
    "lena.vogt@brenner-gruppe.example.de",
    "Demo-Lena-2026",
    "de",
);

/// Lena's fixed TOTP secret (base32, 160 bits), printed by the demo so
/// that a person can add it to an authenticator app.
pub(crate) const TOTP_SECRET: &str = "KRSXG5CTMVRXEZLUJNSXS3DFNZQVMT3H";

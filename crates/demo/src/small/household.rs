//! The demo household (issue 9): Anna and Michael Kranz, two private
//! customers of the Hamburg tenant with contracts of their own, bundled in
//! the household "Familie Kranz" whose one login sees both. Seeded last,
//! so that the customer numbers and random draws before it stay as they
//! were.

use kp_domain::{CustomerKind, Language, LineOfBusiness as L, PortalUserStatus};
use kp_storage::organizations::{self, HOUSEHOLD, OrganizationData};
use kp_storage::write::portal_users::{self, NewPortalUser, PortalUserOwner, ScopeRestrictions};

use super::records::customer;
use super::{Hashes, Seeder};
use crate::DemoError;
use crate::accounts::HOUSEHOLD_ACCOUNT;
use crate::calendar::created;

pub(super) async fn seed(s: &mut Seeder<'_>, hashes: &Hashes) -> Result<(), DemoError> {
    let data = OrganizationData {
        name: "Familie Kranz".into(),
        kind: HOUSEHOLD.into(),
        profile_currency: "EUR".into(),
        require_two_factor: false,
        default_profile_id: None,
    };
    let tenant = s.base.tenants[0];
    let org = organizations::insert(&mut s.tx, &data, Some(tenant), created()).await?;
    for (first, salutation, lines) in [
        ("Anna", "Frau", [L::HouseholdContents, L::PersonalLiability]),
        ("Michael", "Herr", [L::Motor, L::LegalExpenses]),
    ] {
        let name = format!("{first} Kranz");
        let mut c = customer(CustomerKind::Person, &name);
        c.organization_id = Some(org);
        c.salutation = salutation.into();
        (c.first_name, c.last_name) = (first.into(), "Kranz".into());
        (c.street, c.postal_code, c.city) = (
            "Eppendorfer Weg 112".into(),
            "20259".into(),
            "Hamburg".into(),
        );
        c.email = format!("{}.kranz@example.de", first.to_lowercase());
        let cust = s.add_customer(c, 0, false).await?;
        for line in lines {
            let plan = s.plan(line);
            s.add_contract(&cust, plan).await?;
        }
    }
    let user = NewPortalUser {
        email: HOUSEHOLD_ACCOUNT.email.into(),
        name: HOUSEHOLD_ACCOUNT.name.into(),
        language: Language::parse(HOUSEHOLD_ACCOUNT.language).unwrap_or_default(),
        status: PortalUserStatus::Active,
        password_hash: hashes.get(HOUSEHOLD_ACCOUNT.email),
        owner: PortalUserOwner::Organization(org),
        permission_profile_id: None,
        scope: ScopeRestrictions::default(),
        created_at: created(),
    };
    let user = portal_users::insert(&mut s.tx, &user).await?;
    for kind in ["terms", "privacy"] {
        kp_storage::consents::insert_in(&mut s.tx, user, kind, "1", created()).await?;
    }
    Ok(())
}

//! The portal users of the journeys with their permission profiles and
//! scopes, their chats with the broker's staff, and the transport
//! certificates Dr. B. issued under the open cover.

use kp_domain::{
    Function, Language, MenuArea, PermissionProfileId, PortalUserId, PortalUserStatus, RecordRef,
    Scope,
};
use kp_storage::settings::{self, SettingScope};
use kp_storage::write::conversations::{self, Author, NewConversation, NewMessage};
use kp_storage::write::permission_profiles::{self, NewPermissionProfile};
use kp_storage::write::portal_users::{self, NewPortalUser, PortalUserOwner, ScopeRestrictions};

use super::group::AUGSBURG;
use super::{Hashes, Seeder};
use crate::DemoError;
use crate::accounts::{
    ACCOUNTS, Account, CLAIRE, CONSENT_ACCOUNT, JENS, MARTINA, STEFAN, TOTP_ACCOUNT,
};
use crate::calendar::{at, created, date};

pub(super) struct Users {
    pub jens: PortalUserId,
    pub martina: PortalUserId,
}

struct Portal {
    martina: PortalUserId,
    stefan: PortalUserId,
    jens: PortalUserId,
    claire: PortalUserId,
    /// Lena V., the demo login with TOTP enrolled.
    lena: PortalUserId,
}

pub(super) async fn seed(s: &mut Seeder<'_>, hashes: &Hashes) -> Result<Users, DemoError> {
    let org = s.base.organization;
    let profile = |name: &str, areas: &[MenuArea], functions: &[Function]| NewPermissionProfile {
        organization_id: Some(org),
        name: name.into(),
        menu_areas: areas.iter().map(|a| a.as_str().to_owned()).collect(),
        functions: functions.iter().map(|f| f.as_str().to_owned()).collect(),
        hidden_fields: Vec::new(),
        created_at: created(),
    };
    // Dr. B. administers the group's users (issue 9, delegated
    // administration); everyone else with the full portal does not.
    let admin = profile("Organisationsadministrator", MenuArea::ALL, Function::ALL);
    let areas: Vec<MenuArea> = MenuArea::ALL
        .iter()
        .copied()
        .filter(|a| *a != MenuArea::Administration)
        .collect();
    let functions: Vec<Function> = Function::ALL
        .iter()
        .copied()
        .filter(|f| *f != Function::ManageUsers)
        .collect();
    let full = profile("Vollzugriff", &areas, &functions);
    let site = profile(
        "Standortleitung",
        &[
            MenuArea::Contracts,
            MenuArea::Objects,
            MenuArea::Claims,
            MenuArea::Documents,
            MenuArea::Messages,
        ],
        &[
            Function::ReportClaim,
            Function::UploadDocument,
            Function::SendMessage,
            Function::AppointmentRequest,
        ],
    );
    // Claire D. (JOURNEYS): invoices and dunning notices, their documents,
    // and her thread with the account manager about one of them.
    let finance = profile(
        "Finance only",
        &[MenuArea::Finances, MenuArea::Documents, MenuArea::Messages],
        &[Function::SendMessage],
    );
    // A broker-wide profile for the journeys' administrator to give out:
    // the whole portal without claim reporting (FEATURES D2).
    let no_claims = NewPermissionProfile {
        organization_id: None,
        name: "Ohne Schadenmeldung".into(),
        functions: Function::ALL
            .iter()
            .filter(|f| **f != Function::ReportClaim)
            .map(|f| f.as_str().to_owned())
            .collect(),
        ..profile("", MenuArea::ALL, &[])
    };
    permission_profiles::insert(&mut s.tx, &no_claims).await?;
    let admin = permission_profiles::insert(&mut s.tx, &admin).await?;
    // Four-eyes approval (issue 10): the site managers' reports (their
    // profile lacks `submit_claim`) go to Dr. Stefan B. (administrator,
    // `approve_claims`) first. The key of `kp_app::claim_settings`.
    settings::put_in(
        &mut s.tx,
        SettingScope::Organization(org),
        "claim_approval",
        r#"{"required":true}"#,
        created(),
    )
    .await?;
    let full = permission_profiles::insert(&mut s.tx, &full).await?;
    let site = permission_profiles::insert(&mut s.tx, &site).await?;
    let finance = permission_profiles::insert(&mut s.tx, &finance).await?;
    let users = portal_users(s, hashes, [admin, full, site, finance]).await?;
    let who = super::audit::Who3 {
        stefan: users.stefan,
        jens: users.jens,
        claire: users.claire,
    };
    super::audit::seed(s, &who).await?;
    consents(s, hashes, &users).await?;
    chats(s, &users).await?;
    super::certificates::seed(s, users.stefan).await?;
    Ok(Users {
        jens: users.jens,
        martina: users.martina,
    })
}

async fn portal_users(
    s: &mut Seeder<'_>,
    hashes: &Hashes,
    [admin, full, site, finance]: [PermissionProfileId; 4],
) -> Result<Portal, DemoError> {
    let org = PortalUserOwner::Organization(s.base.organization);
    let martina = s.journey.martina.as_ref().map(|m| m.id);
    let france = s.journey.france.as_ref().map(|f| f.id);
    let augsburg = s
        .site_objects
        .iter()
        .filter(|(site, _)| site == AUGSBURG)
        .map(|(_, id)| *id)
        .collect();
    let specs = [
        (
            MARTINA,
            martina.map(PortalUserOwner::Customer),
            None,
            ScopeRestrictions::default(),
        ),
        (STEFAN, Some(org), Some(admin), ScopeRestrictions::default()),
        (
            JENS,
            Some(org),
            Some(site),
            ScopeRestrictions {
                objects: Some(augsburg),
                ..Default::default()
            },
        ),
        (
            CLAIRE,
            Some(org),
            Some(finance),
            ScopeRestrictions {
                customers: france.map(|f| vec![f]),
                ..Default::default()
            },
        ),
    ];
    let mut ids = Vec::new();
    for (email, owner, profile, scope) in specs {
        let (Some(owner), Some(account)) = (owner, ACCOUNTS.iter().find(|a| a.email == email))
        else {
            return Err(DemoError::Incomplete(email));
        };
        let user = new_user(account, hashes, owner, profile, scope);
        ids.push(portal_users::insert(&mut s.tx, &user).await?);
    }
    // Her TOTP is enrolled after the load (`enrol_two_factor`): sealing
    // the secret needs the application's encryption key.
    let lena = new_user(
        &TOTP_ACCOUNT,
        hashes,
        org,
        Some(full),
        ScopeRestrictions::default(),
    );
    let lena = portal_users::insert(&mut s.tx, &lena).await?;
    match ids[..] {
        [martina, stefan, jens, claire] => Ok(Portal {
            martina,
            stefan,
            jens,
            claire,
            lena,
        }),
        _ => Err(DemoError::Incomplete("portal users")),
    }
}

/// The terms of use and privacy notice of both tenants are at version 1,
/// which the journeys' users accepted when they signed up; Jonas K., a
/// second login to Martina K.'s account, has not (see [`CONSENT_ACCOUNT`]).
async fn consents(s: &mut Seeder<'_>, hashes: &Hashes, users: &Portal) -> Result<(), DemoError> {
    let legal = r#"{"terms_version":1,"privacy_version":1}"#;
    for tenant in s.base.tenants {
        settings::put_in(
            &mut s.tx,
            SettingScope::Tenant(tenant),
            "legal",
            legal,
            created(),
        )
        .await?;
    }
    for user in [
        users.martina,
        users.stefan,
        users.jens,
        users.claire,
        users.lena,
    ] {
        for kind in ["terms", "privacy"] {
            kp_storage::consents::insert_in(&mut s.tx, user, kind, "1", created()).await?;
        }
    }
    let martina = s.journey.martina.as_ref().map(|m| m.id);
    let Some(martina) = martina else {
        return Err(DemoError::Incomplete(CONSENT_ACCOUNT.email));
    };
    let jonas = NewPortalUser {
        email: CONSENT_ACCOUNT.email.into(),
        name: CONSENT_ACCOUNT.name.into(),
        language: Language::parse(CONSENT_ACCOUNT.language).unwrap_or_default(),
        status: PortalUserStatus::Active,
        password_hash: hashes.get(CONSENT_ACCOUNT.email),
        owner: PortalUserOwner::Customer(martina),
        permission_profile_id: None,
        scope: ScopeRestrictions::default(),
        created_at: created(),
    };
    portal_users::insert(&mut s.tx, &jonas).await?;
    Ok(())
}

fn new_user(
    account: &Account,
    hashes: &Hashes,
    owner: PortalUserOwner,
    profile: Option<PermissionProfileId>,
    scope: ScopeRestrictions,
) -> NewPortalUser {
    NewPortalUser {
        email: account.email.into(),
        name: account.name.into(),
        language: Language::parse(account.language).unwrap_or_default(),
        status: PortalUserStatus::Active,
        password_hash: hashes.get(account.email),
        owner,
        permission_profile_id: profile,
        scope,
        created_at: created(),
    }
}

/// A thread: subject, context, who started it, staff, and the messages
/// (`true` = written by the customer) with their day and time.
async fn thread(
    s: &mut Seeder<'_>,
    conv: NewConversation,
    customer: PortalUserId,
    messages: &[(bool, (u32, u32, u32), &str)],
) -> Result<(), DemoError> {
    let staff = conv.assigned_staff_id;
    let id = conversations::insert(&mut s.tx, &Scope::everything(), &conv).await?;
    for &(from_customer, (month, day, minute), body) in messages {
        let author = match (from_customer, staff) {
            (false, Some(staff)) => Author::Staff(staff),
            _ => Author::Portal(customer),
        };
        let created_at = at(date(2026, month, day), 8 + minute / 60, minute % 60);
        conversations::insert_message(
            &mut s.tx,
            &Scope::everything(),
            &NewMessage {
                conversation_id: id,
                author,
                body: body.into(),
                created_at,
            },
        )
        .await?;
    }
    Ok(())
}

async fn chats(s: &mut Seeder<'_>, u: &Portal) -> Result<(), DemoError> {
    let staff = s.base.staff;
    let j = &s.journey;
    // Each thread names its most specific record; the contract and
    // customer above it are read from that record.
    let (Some(legal), Some(cover), Some((_, _, claim)), Some(france)) = (
        j.martina_legal.clone(),
        j.open_cover.clone(),
        j.augsburg_claim.clone(),
        j.france.clone(),
    ) else {
        return Err(DemoError::Incomplete("journey records"));
    };
    let conv = |about, subject: &str, by, to, day| NewConversation {
        about,
        subject: subject.into(),
        status: "open".into(),
        started_by_portal_user_id: Some(by),
        assigned_staff_id: Some(to),
        created_at: at(date(2026, 9, day), 8, 0),
    };
    let c = conv(
        RecordRef::Contract(legal.id),
        "Frage zum Rechtsschutz: Streit mit der Werkstatt",
        u.martina,
        staff.sabine,
        22,
    );
    thread(s, c, u.martina, super::chat_texts::MARTINA).await?;
    let c = conv(
        RecordRef::Contract(cover.id),
        "Zertifikat für Sendung nach Shanghai (Akkreditiv)",
        u.stefan,
        staff.thomas,
        24,
    );
    thread(s, c, u.stefan, super::chat_texts::STEFAN).await?;
    let c = conv(
        RecordRef::Claim(claim),
        "Gutachtertermin Hydraulikpresse",
        u.jens,
        staff.sabine,
        9,
    );
    thread(s, c, u.jens, super::chat_texts::JENS).await?;
    let c = conv(
        RecordRef::Customer(france.id),
        "Relance – question sur l'avis d'échéance",
        u.claire,
        staff.thomas,
        23,
    );
    thread(s, c, u.claire, super::chat_texts::CLAIRE).await
}

//! The portal users of the journeys with their permission profiles and
//! scopes, their chats with the broker's staff, and the transport
//! certificates Dr. B. issued under the open cover.

use kp_domain::{Language, PermissionProfileId, PortalUserId, PortalUserStatus};
use kp_storage::write::conversations::{self, Author, NewConversation, NewMessage};
use kp_storage::write::permission_profiles::{self, NewPermissionProfile};
use kp_storage::write::portal_users::{self, NewPortalUser, PortalUserOwner, ScopeRestrictions};

use super::group::AUGSBURG;
use super::{Hashes, Seeder};
use crate::DemoError;
use crate::accounts::{ACCOUNTS, CLAIRE, JENS, MARTINA, STEFAN};
use crate::calendar::{at, created, date};

pub(super) struct Users {
    pub jens: PortalUserId,
}

struct Portal {
    martina: PortalUserId,
    stefan: PortalUserId,
    jens: PortalUserId,
    claire: PortalUserId,
}

pub(super) async fn seed(s: &mut Seeder<'_>, hashes: &Hashes) -> Result<Users, DemoError> {
    let org = s.base.organization;
    let profile = |name: &str, areas: &[&str]| NewPermissionProfile {
        organization_id: Some(org),
        name: name.into(),
        menu_areas: areas.iter().map(|a| (*a).to_owned()).collect(),
        functions: Vec::new(),
        hidden_fields: Vec::new(),
        created_at: created(),
    };
    let full = profile(
        "Vollzugriff",
        &[
            "contracts",
            "objects",
            "claims",
            "documents",
            "finances",
            "messages",
            "reports",
            "certificates",
            "administration",
        ],
    );
    let site = profile(
        "Standortleitung",
        &["contracts", "objects", "claims", "documents", "messages"],
    );
    let finance = profile("Finance only", &["finances", "documents"]);
    let full = permission_profiles::insert(&mut s.tx, &full).await?;
    let site = permission_profiles::insert(&mut s.tx, &site).await?;
    let finance = permission_profiles::insert(&mut s.tx, &finance).await?;
    let users = portal_users(s, hashes, [full, site, finance]).await?;
    chats(s, &users).await?;
    super::certificates::seed(s, users.stefan).await?;
    Ok(Users { jens: users.jens })
}

async fn portal_users(
    s: &mut Seeder<'_>,
    hashes: &Hashes,
    [full, site, finance]: [PermissionProfileId; 3],
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
        (STEFAN, Some(org), Some(full), ScopeRestrictions::default()),
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
        let user = NewPortalUser {
            email: email.into(),
            name: account.name.into(),
            language: Language::parse(account.language).unwrap_or_default(),
            status: PortalUserStatus::Active,
            password_hash: hashes.get(email),
            owner,
            permission_profile_id: profile,
            scope,
            created_at: created(),
        };
        ids.push(portal_users::insert(&mut s.tx, &user).await?);
    }
    match ids[..] {
        [martina, stefan, jens, claire] => Ok(Portal {
            martina,
            stefan,
            jens,
            claire,
        }),
        _ => Err(DemoError::Incomplete("portal users")),
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
    let id = conversations::insert(&mut s.tx, &conv).await?;
    for &(from_customer, (month, day, minute), body) in messages {
        let author = match (from_customer, staff) {
            (false, Some(staff)) => Author::Staff(staff),
            _ => Author::Portal(customer),
        };
        let created_at = at(date(2026, month, day), 8 + minute / 60, minute % 60);
        conversations::insert_message(
            &mut s.tx,
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
    let (
        Some(martina),
        Some(legal),
        Some(holding),
        Some(cover),
        Some((claim_k, object, claim)),
        Some(france),
    ) = (
        j.martina.clone(),
        j.martina_legal.clone(),
        j.holding.clone(),
        j.open_cover.clone(),
        j.augsburg_claim.clone(),
        j.france.clone(),
    )
    else {
        return Err(DemoError::Incomplete("journey records"));
    };
    let conv = |customer, contract, subject: &str, by, to, day| NewConversation {
        customer_id: customer,
        contract_id: contract,
        object_id: None,
        claim_id: None,
        subject: subject.into(),
        status: "open".into(),
        started_by_portal_user_id: Some(by),
        assigned_staff_id: Some(to),
        created_at: at(date(2026, 9, day), 8, 0),
    };
    let c = conv(
        martina.id,
        Some(legal.id),
        "Frage zum Rechtsschutz: Streit mit der Werkstatt",
        u.martina,
        staff.sabine,
        22,
    );
    thread(s, c, u.martina, super::chat_texts::MARTINA).await?;
    let c = conv(
        holding.id,
        Some(cover.id),
        "Zertifikat für Sendung nach Shanghai (Akkreditiv)",
        u.stefan,
        staff.thomas,
        24,
    );
    thread(s, c, u.stefan, super::chat_texts::STEFAN).await?;
    let mut c = conv(
        claim_k.customer.id,
        Some(claim_k.id),
        "Gutachtertermin Hydraulikpresse",
        u.jens,
        staff.sabine,
        9,
    );
    (c.object_id, c.claim_id) = (Some(object), Some(claim));
    thread(s, c, u.jens, super::chat_texts::JENS).await?;
    let c = conv(
        france.id,
        None,
        "Relance – question sur l'avis d'échéance",
        u.claire,
        staff.thomas,
        23,
    );
    thread(s, c, u.claire, super::chat_texts::CLAIRE).await
}

//! The broker's master data: two tenants, four staff users, insurers,
//! exchange rates and the industrial group's organization.

use kp_domain::{InsurerId, Language, OrganizationId, StaffUserId, TenantId};
use kp_storage::Tx;
use kp_storage::settings::{self, SettingScope};
use kp_storage::write::{exchange_rates, insurers, organizations, staff, tenants};

use crate::DemoError;
use crate::accounts::ACCOUNTS;
use crate::calendar::{created, date};

/// The argon2 hashes of the demo passwords, computed before the
/// transaction starts (hashing is slow and needs no database).
#[derive(Debug, Clone, Default)]
pub(crate) struct Hashes(pub Vec<(&'static str, String)>);

impl Hashes {
    pub fn get(&self, email: &str) -> Option<String> {
        self.0
            .iter()
            .find(|(e, _)| *e == email)
            .map(|(_, h)| h.clone())
    }
}

#[derive(Debug, Clone, Copy)]
pub(crate) struct Staff {
    pub petra: StaffUserId,
    pub sabine: StaffUserId,
    pub thomas: StaffUserId,
    pub andreas: StaffUserId,
}

impl Staff {
    pub fn all(&self) -> Vec<StaffUserId> {
        vec![self.petra, self.sabine, self.thomas, self.andreas]
    }
}

#[derive(Debug, Clone)]
pub(crate) struct Base {
    /// Hamburg, München.
    pub tenants: [TenantId; 2],
    pub staff: Staff,
    pub insurers: Vec<InsurerId>,
    pub organization: OrganizationId,
}

/// Name, short name, BaFin number. All fictional.
pub(crate) const INSURERS: &[(&str, &str, &str)] = &[
    ("Nordstern Versicherung AG", "Nordstern", "5512"),
    ("Hanseatische Feuerkasse VVaG", "Hanse Feuer", "5147"),
    ("Alpenland Versicherungs-AG", "Alpenland", "5783"),
    (
        "Rheinische Lebensversicherung AG",
        "Rheinische Leben",
        "1093",
    ),
    ("Elbufer Rechtsschutz-Versicherung AG", "Elbufer RS", "5829"),
    ("Isartal Kraftfahrt-Versicherung AG", "Isartal Kfz", "5468"),
    ("Transmarin Assekuranz AG", "Transmarin", "5391"),
    ("Technik-Assekuranz Süd AG", "TAS", "5604"),
    ("Mutuelle Rhône-Alpes Assurances", "MRA", ""),
    ("Basler Rheinufer Versicherungen AG", "Rheinufer", ""),
    ("Atlantic Commonwealth Insurance Company", "ACIC", ""),
];

pub(crate) async fn insert(
    tx: &mut Tx,
    hashes: &Hashes,
    group_logo: String,
) -> Result<Base, DemoError> {
    let tenants = insert_tenants(tx).await?;
    let staff = insert_staff(tx, hashes, tenants).await?;
    let mut ids = Vec::new();
    for (name, short, bafin) in INSURERS {
        let new = insurers::NewInsurer {
            name: (*name).into(),
            short_name: (*short).into(),
            bafin_number: (*bafin).into(),
            created_at: created(),
        };
        ids.push(insurers::insert(tx, &new).await?);
    }
    // Units per 1 EUR, times 10^8.
    // CHF and USD monthly from January (the Swiss and US subsidiaries'
    // contracts), GBP from July; no rate for other currencies, so a page
    // can show a missing one.
    for (currency, rate_e8, valid_from) in [
        ("CHF", 93_850_000, date(2026, 1, 1)),
        ("CHF", 93_120_000, date(2026, 7, 1)),
        ("CHF", 93_410_000, date(2026, 8, 1)),
        ("CHF", 93_680_000, date(2026, 9, 1)),
        ("CHF", 93_290_000, date(2026, 10, 1)),
        ("CHF", 93_050_000, date(2026, 11, 1)),
        ("USD", 108_740_000, date(2026, 1, 1)),
        ("USD", 111_360_000, date(2026, 7, 1)),
        ("USD", 110_920_000, date(2026, 8, 1)),
        ("USD", 109_870_000, date(2026, 9, 1)),
        ("USD", 108_460_000, date(2026, 10, 1)),
        ("USD", 108_150_000, date(2026, 11, 1)),
        ("GBP", 84_310_000, date(2026, 7, 1)),
        ("GBP", 84_720_000, date(2026, 11, 1)),
    ] {
        let rate = exchange_rates::NewExchangeRate {
            currency: currency.into(),
            rate_e8,
            valid_from,
            created_at: created(),
        };
        exchange_rates::insert(tx, &rate).await?;
    }
    let organization = organizations::insert(
        tx,
        &organizations::NewOrganization {
            name: "Brenner Industrie Gruppe".into(),
            logo_storage_key: Some(group_logo),
            profile_currency: "EUR".into(),
            require_two_factor: false,
            created_at: created(),
        },
    )
    .await?;
    // The group's head office sees its Swiss and US contracts also in EUR.
    settings::put_in(
        tx,
        SettingScope::Organization(organization),
        "profile_currency.enabled",
        "true",
        created(),
    )
    .await?;
    Ok(Base {
        tenants,
        staff,
        insurers: ids,
        organization,
    })
}

async fn insert_tenants(tx: &mut Tx) -> Result<[TenantId; 2], DemoError> {
    let hours = "Mo–Do 8:30–17:30 Uhr, Fr 8:30–15:00 Uhr";
    let hamburg = tenants::NewTenant {
        key: "hamburg".into(),
        name: "Hanse Assekuranz Hamburg".into(),
        legal_name: "Hanse Assekuranz Makler GmbH".into(),
        street: "Ballindamm 17".into(),
        postal_code: "20095".into(),
        city: "Hamburg".into(),
        phone: "+49 40 3087 4410".into(),
        email: "hamburg@hanse-assekuranz.example.de".into(),
        office_hours: hours.into(),
        created_at: created(),
    };
    let munich = tenants::NewTenant {
        key: "muenchen".into(),
        name: "Hanse Assekuranz München".into(),
        legal_name: "Hanse Assekuranz Makler GmbH, Niederlassung München".into(),
        street: "Prinzregentenstraße 54".into(),
        postal_code: "80538".into(),
        city: "München".into(),
        phone: "+49 89 2154 7720".into(),
        email: "muenchen@hanse-assekuranz.example.de".into(),
        office_hours: hours.into(),
        created_at: created(),
    };
    let ids = [
        tenants::insert(tx, &hamburg).await?,
        tenants::insert(tx, &munich).await?,
    ];
    // Hamburg's customers may register themselves (README names one
    // without access); München leaves it off.
    let registration = r#"{"mode":"automatic","recipient":"hamburg@hanse-assekuranz.example.de","colour":"","intro_text":"","extra_text":"Es gelten die Nutzungsbedingungen des Kundenportals."}"#;
    settings::put_in(
        tx,
        SettingScope::Tenant(ids[0]),
        "registration",
        registration,
        created(),
    )
    .await?;
    Ok(ids)
}

async fn insert_staff(tx: &mut Tx, hashes: &Hashes, t: [TenantId; 2]) -> Result<Staff, DemoError> {
    let mut ids = Vec::new();
    for login in ACCOUNTS {
        let Some((role, phone, both)) = login.staff else {
            continue;
        };
        let new = staff::NewStaff {
            email: login.email.into(),
            name: login.name.into(),
            role,
            phone: phone.into(),
            language: Language::parse(login.language).unwrap_or_default(),
            password_hash: hashes.get(login.email),
            active: true,
            tenants: if both { t.to_vec() } else { vec![t[1]] },
            created_at: created(),
        };
        ids.push(staff::insert(tx, &new).await?);
    }
    match ids[..] {
        [petra, sabine, thomas, andreas] => Ok(Staff {
            petra,
            sabine,
            thomas,
            andreas,
        }),
        _ => Err(DemoError::Storage(kp_storage::StorageError::Corrupt(
            "expected four demo staff users".into(),
        ))),
    }
}

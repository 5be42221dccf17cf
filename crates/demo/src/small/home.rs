//! The home page items of the demo (B3, B4, D4): the industrial group's
//! own logo, the broker's welcome text and a start message valid around
//! the day the demo is loaded, in all four languages.

use std::collections::BTreeMap;

use chrono::{Duration, Utc};
use kp_app::home_settings::{HomeSettings, StartMessage};
use kp_documents::BlobStore;
use kp_storage::Tx;
use kp_storage::settings::{self, SettingScope};

use crate::DemoError;
use crate::images;

/// The Brenner group's logo: a dark blue square with an orange flame-like
/// wedge, small enough for any header.
pub(super) async fn group_logo(blobs: &BlobStore) -> Result<String, DemoError> {
    let png = images::png(96, 96, |x, y| {
        let (cx, cy) = (x as i32 - 48, y as i32 - 48);
        if cy > -30 && cy < 34 && cx.abs() * 2 < 34 - cy {
            [0xF0, 0x8A, 0x24]
        } else {
            [0x17, 0x2B, 0x4D]
        }
    });
    Ok(images::store(blobs, &png).await?.storage_key)
}

fn texts(de: &str, en: &str, fr: &str, es: &str) -> BTreeMap<String, String> {
    [("de", de), ("en", en), ("fr", fr), ("es", es)]
        .into_iter()
        .map(|(l, t)| (l.to_owned(), t.to_owned()))
        .collect()
}

/// The global home page settings, which both demo tenants use.
pub(super) async fn settings(tx: &mut Tx) -> Result<(), DemoError> {
    let today = Utc::now().date_naive();
    let value = HomeSettings {
        show_welcome: true,
        welcome: texts(
            "Willkommen in Ihrem Kundenportal der Hanse Assekuranz. Hier finden Sie Ihre Verträge, Schäden und Dokumente.",
            "Welcome to your Hanse Assekuranz customer portal. Here you find your contracts, claims and documents.",
            "Bienvenue sur votre portail client Hanse Assekuranz. Vous y trouvez vos contrats, sinistres et documents.",
            "Bienvenido a su portal de clientes de Hanse Assekuranz. Aquí encontrará sus contratos, siniestros y documentos.",
        ),
        messages: vec![StartMessage {
            id: 1,
            texts: texts(
                "Unsere Büros sind zwischen den Feiertagen nur vormittags besetzt. Schadenmeldungen erreichen uns jederzeit über das Portal.",
                "Between the holidays our offices are staffed in the mornings only. Claim reports reach us at any time through the portal.",
                "Entre les fêtes, nos bureaux sont ouverts le matin uniquement. Vos déclarations de sinistre nous parviennent à tout moment via le portail.",
                "Entre las fiestas, nuestras oficinas solo atienden por la mañana. Las declaraciones de siniestro nos llegan en todo momento a través del portal.",
            ),
            valid_from: today - Duration::days(7),
            valid_until: today + Duration::days(60),
        }],
        ..HomeSettings::default()
    };
    let json = value
        .to_json()
        .map_err(|_| DemoError::Incomplete("home settings"))?;
    settings::put_in(tx, SettingScope::Global, "home", &json, Utc::now()).await?;
    Ok(())
}

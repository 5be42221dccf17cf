//! Page handlers, one module per area, each with its own `router()`.

pub mod account;
pub mod account_email;
pub mod audit_log;
pub mod claim_after;
pub mod claim_approval;
pub mod claim_wizard;
pub mod claims;
pub mod consent;
pub mod contact;
pub mod contract_sheet;
pub mod contracts;
pub mod customers;
pub mod documents;
pub mod finances;
pub mod health;
pub mod home;
pub mod home_files;
pub mod invitations;
pub mod language;
pub mod legal;
pub mod login;
pub mod mail_logo;
pub mod objects;
pub mod org_admin;
pub mod passkeys;
pub mod password;
pub mod rates;
pub mod register;
mod register_verify;
pub mod registrations;
pub mod scope_pick;
pub mod search;
pub mod settings;
pub mod staff_orgs;
pub mod staff_profiles;
pub mod staff_staff;
pub mod staff_staff_edit;
pub mod staff_users;
pub mod static_files;
pub mod tasks;
pub mod theme_css;
pub mod theme_settings;
pub mod two_factor;
pub mod uploads;
pub mod view_as;

use crate::routes::Routes;

/// Every page route, recorded (see [`Routes`]).
pub fn routes() -> Routes {
    Routes::new()
        .merge(health::routes())
        .merge(login::routes())
        .merge(password::routes())
        .merge(invitations::routes())
        .merge(mail_logo::routes())
        .merge(home::routes())
        .merge(contracts::routes())
        .merge(customers::routes())
        .merge(objects::routes())
        .merge(claims::routes())
        .merge(claim_wizard::routes())
        .merge(claim_approval::routes())
        .merge(claim_after::routes())
        .merge(documents::routes())
        .merge(finances::routes())
        .merge(contract_sheet::routes())
        .merge(contact::routes())
        .merge(search::routes())
        .merge(rates::routes())
        .merge(settings::routes())
        .merge(register::routes())
        .merge(registrations::routes())
        .merge(account_email::routes())
        .merge(language::routes())
        .merge(legal::routes())
        .merge(account::routes())
        .merge(consent::routes())
        .merge(static_files::routes())
        .merge(theme_css::routes())
        .merge(theme_settings::routes())
        .merge(two_factor::routes())
        .merge(passkeys::routes())
        .merge(staff_users::routes())
        .merge(org_admin::routes())
        .merge(staff_staff::routes())
        .merge(staff_staff_edit::routes())
        .merge(staff_profiles::routes())
        .merge(staff_orgs::routes())
        .merge(audit_log::routes())
        .merge(uploads::routes())
        .merge(view_as::routes())
        .merge(tasks::routes())
}

/// The routes that read a large upload themselves, with their own limit,
/// instead of under the request body limit.
pub fn upload_routes() -> Routes {
    settings::upload_routes()
        .merge(uploads::upload_routes())
        .merge(claim_wizard::upload_routes())
        .merge(claim_approval::upload_routes())
        .merge(claim_after::upload_routes())
}

/// Percent-encodes a value for a query string.
pub fn urlencode(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    for b in value.bytes() {
        if b.is_ascii_alphanumeric() || b"-_.~/".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// A record id from a path: anything but a number names no record, which
/// the pages answer like an id that does not exist.
pub fn parse_id(text: &str) -> Option<i64> {
    text.parse().ok()
}

/// Longest accepted redirect target; real paths of the portal are far shorter.
pub const MAX_NEXT_LEN: usize = 2048;

/// A redirect target from user input, accepted only when it is a path on
/// this site, so that login cannot be used as an open redirect. Browsers
/// drop tabs and line breaks and read `\` as `/`, so `/<TAB>/host` or
/// `/\host` would leave the site; the checks also hold after
/// percent-decoding, because a later hop may decode once more.
pub fn safe_next(next: Option<&str>, default: &str) -> String {
    match next {
        Some(n) if is_local_path(n) => n.to_owned(),
        _ => default.to_owned(),
    }
}

fn is_local_path(value: &str) -> bool {
    // Visible ASCII only: anything else cannot go into a Location header.
    if value.len() > MAX_NEXT_LEN || !value.bytes().all(|b| b.is_ascii_graphic()) {
        return false;
    }
    let mut current = value.to_owned();
    // Each round undoes one layer of encoding; a value still changing
    // after a few layers has no business being a redirect target.
    for _ in 0..4 {
        if !is_plain_local_path(&current) {
            return false;
        }
        match percent_decode(&current) {
            Some(decoded) if decoded == current => return true,
            Some(decoded) => current = decoded,
            None => return false,
        }
    }
    false
}

fn is_plain_local_path(path: &str) -> bool {
    let mut chars = path.chars();
    chars.next() == Some('/')
        && !matches!(chars.next(), Some('/' | '\\'))
        && !path
            .chars()
            .any(|c| c == '\\' || c.is_control() || c.is_whitespace())
}

/// Decodes `%XX` sequences; `None` when the result is not UTF-8.
fn percent_decode(value: &str) -> Option<String> {
    let bytes = value.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let hex = |b: &u8| {
        char::from(*b)
            .to_digit(16)
            .and_then(|d| u8::try_from(d).ok())
    };
    let mut i = 0;
    while i < bytes.len() {
        match (
            bytes[i],
            bytes.get(i + 1).and_then(hex),
            bytes.get(i + 2).and_then(hex),
        ) {
            (b'%', Some(high), Some(low)) => {
                out.push(high * 16 + low);
                i += 3;
            }
            (b, _, _) => {
                out.push(b);
                i += 1;
            }
        }
    }
    String::from_utf8(out).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_local_paths_are_redirect_targets() {
        for good in ["/home", "/home?tab=2&x=%C3%A9", "/contracts/12", "/"] {
            assert_eq!(safe_next(Some(good), "/d"), good);
        }
        let long = format!("/{}", "a".repeat(MAX_NEXT_LEN));
        let hostile = [
            "//evil.example",
            "https://evil.example",
            "https:/evil.example",
            "/\\evil.example",
            "/\\/evil.example",
            "/\t/evil.example",
            "/\r\nSet-Cookie:x=1",
            "/\n/evil.example",
            "/x\ty",
            "/x y",
            "/a%20b",
            "/%09/evil.example",
            "/%0d%0aSet-Cookie:x=1",
            "/%0D%0A",
            "/%2fevil.example",
            "/%2Fevil.example",
            "/%5cevil.example",
            "/%5Cevil.example",
            "/%252f/evil.example",
            "/%25252f/evil.example",
            "/%2525252525252fevil.example",
            "/%e2%80%a8",
            "/%ff",
            "/\u{a0}/evil.example",
            "/\u{2028}",
            "evil.example",
            "",
            " /home",
            long.as_str(),
        ];
        for bad in hostile {
            assert_eq!(safe_next(Some(bad), "/d"), "/d", "{bad:?}");
        }
        assert_eq!(safe_next(None, "/home"), "/home");
    }
}

//! Checks of what an administrator types for an endpoint: the URL and the
//! event types. Field errors name translation keys of `webhooks.ftl`.

use super::targets;
use crate::FieldError;

/// The event types the form offers; an endpoint may also name types of
/// this form that later versions add (`<resource>.<what>`).
pub const KNOWN_EVENT_TYPES: &[&str] = &[
    "customer.created",
    "customer.updated",
    "customer.deleted",
    "contract.created",
    "contract.updated",
    "contract.deleted",
    "object.created",
    "object.updated",
    "object.deleted",
    "claim.created",
    "claim.updated",
    "claim.deleted",
    "finance_item.created",
    "finance_item.updated",
    "finance_item.deleted",
    "consent.given",
    "registration.requested",
    "registration.verification_sent",
    "registration.approved",
    "registration.rejected",
    "user.registered",
    "document.uploaded",
];

/// The longest URL accepted.
pub const MAX_URL_CHARS: usize = 2000;

/// A well-formed event type: two or more dot-separated parts of lower-case
/// letters, digits and underscores.
pub fn is_event_type(text: &str) -> bool {
    let parts: Vec<&str> = text.split('.').collect();
    text.len() <= 100
        && parts.len() >= 2
        && parts.iter().all(|p| {
            !p.is_empty()
                && p.bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_')
        })
}

/// The URL as stored, or the field error. `https` only, to a public
/// address, unless `allow_private_targets` is set (for tests and local
/// receivers): then also `http` and any address. No user name or password
/// in the URL (it is shown on the page) and no fragment. A name is only
/// judged here when it always means this machine (`localhost`); what
/// other names resolve to is checked by [`super::targets`].
pub fn check_url(text: &str, allow_private_targets: bool) -> Result<String, FieldError> {
    let error = |key| FieldError { field: "url", key };
    let text = text.trim();
    if text.is_empty() || text.chars().count() > MAX_URL_CHARS {
        return Err(error("webhooks-error-url"));
    }
    let url = url::Url::parse(text).map_err(|_| error("webhooks-error-url"))?;
    if url.host_str().is_none_or(str::is_empty)
        || !url.username().is_empty()
        || url.password().is_some()
        || url.fragment().is_some()
    {
        return Err(error("webhooks-error-url"));
    }
    match url.scheme() {
        "https" | "http" if allow_private_targets => Ok(url.to_string()),
        "https" => {
            let private = targets::literal(&url).is_some_and(|ip| !targets::is_public(ip))
                || url.host_str().is_some_and(targets::is_local_name);
            if private {
                Err(error("webhook-targets-error-private"))
            } else {
                Ok(url.to_string())
            }
        }
        "http" => Err(error("webhooks-error-https")),
        _ => Err(error("webhooks-error-url")),
    }
}

/// The chosen types, sorted and without duplicates; `None` for all.
pub fn check_types(all: bool, chosen: &[String]) -> Result<Option<Vec<String>>, FieldError> {
    if all {
        return Ok(None);
    }
    let mut types: Vec<String> = chosen.iter().map(|t| t.trim().to_owned()).collect();
    types.retain(|t| !t.is_empty());
    types.sort();
    types.dedup();
    if types.is_empty() || types.len() > 200 || !types.iter().all(|t| is_event_type(t)) {
        return Err(FieldError {
            field: "events",
            key: "webhooks-error-events",
        });
    }
    Ok(Some(types))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls_must_be_https_to_public_addresses_unless_private_targets_are_allowed() {
        assert_eq!(
            check_url(" https://erp.example.com/hooks?x=1 ", false).unwrap(),
            "https://erp.example.com/hooks?x=1"
        );
        assert!(check_url("http://erp.example.com/", false).is_err());
        assert!(check_url("http://erp.example.com/", true).is_ok());
        assert!(check_url("http://127.0.0.1:9000/h", false).is_err());
        assert!(check_url("http://127.0.0.1:9000/h", true).is_ok());
        assert!(check_url("http://localhost/h", true).is_ok());
        for private in [
            "https://127.0.0.1/h",
            "https://localhost:8443/h",
            "https://[::1]/h",
            "https://[fd00::1]/h",
            "https://[::ffff:192.168.0.1]/h",
            "https://169.254.169.254/",
            "https://100.64.1.1/",
            "https://0x7f.1/",
        ] {
            let err = check_url(private, false).unwrap_err();
            assert_eq!(err.key, "webhook-targets-error-private", "{private}");
            assert!(check_url(private, true).is_ok(), "{private}");
        }
        for bad in [
            "",
            "erp.example.com",
            "ftp://erp.example.com/",
            "https://user:pw@erp.example.com/",
            "https://erp.example.com/#x",
        ] {
            assert!(check_url(bad, true).is_err(), "{bad}");
        }
    }

    #[test]
    fn event_types_are_checked_and_sorted() {
        assert_eq!(check_types(true, &[]).unwrap(), None);
        assert_eq!(
            check_types(false, &["claim.created".into(), "a.b".into(), "a.b".into()]).unwrap(),
            Some(vec!["a.b".to_owned(), "claim.created".to_owned()])
        );
        assert!(check_types(false, &[]).is_err());
        assert!(check_types(false, &["Claim.Created".into()]).is_err());
        assert!(check_types(false, &["claim".into()]).is_err());
        assert!(KNOWN_EVENT_TYPES.iter().all(|t| is_event_type(t)));
    }
}

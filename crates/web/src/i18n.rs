//! Translations from the Fluent files in `locales/`, compiled into the
//! binary. Templates call `t("key", name=value)`; the language comes from
//! the `lang` variable every page context carries.

use std::borrow::Cow;
use std::collections::HashMap;

use fluent_templates::fluent_bundle::FluentValue;
use fluent_templates::{LanguageIdentifier, Loader};
use kp_domain::Language;

fluent_templates::static_loader! {
    static LOCALES = {
        locales: "./locales",
        fallback_language: "de",
        customise: |bundle| bundle.set_use_isolating(false),
    };
}

fn language_id(language: Language) -> LanguageIdentifier {
    // The four codes are valid BCP 47 tags; the fallback is never reached.
    language.code().parse().unwrap_or_default()
}

/// The message for `key`, or the key itself when it is missing (the
/// completeness test keeps that from reaching users).
pub fn text(language: Language, key: &str) -> String {
    LOCALES
        .try_lookup(&language_id(language), key)
        .unwrap_or_else(|| key.to_owned())
}

/// The label of a code of a vocabulary the back office may extend
/// (`label("claim-type", "water")`): its message, or the code as the back
/// office sent it (its own word says more than "other").
pub fn label(language: Language, prefix: &str, code: &str) -> String {
    LOCALES
        .try_lookup(&language_id(language), &format!("{prefix}-{code}"))
        .unwrap_or_else(|| code.to_owned())
}

pub fn text_with(language: Language, key: &str, args: &[(&str, FluentValue<'_>)]) -> String {
    let args: HashMap<Cow<'static, str>, FluentValue<'_>> = args
        .iter()
        .map(|(k, v)| (Cow::Owned((*k).to_owned()), v.clone()))
        .collect();
    LOCALES
        .try_lookup_with_args(&language_id(language), key, &args)
        .unwrap_or_else(|| key.to_owned())
}

/// The Fluent sources of one language (every `.ftl` file of its folder,
/// as the loader above reads them), for the completeness test. Each area of
/// the portal keeps its messages in a file of its own.
#[cfg(test)]
pub fn source(language: Language) -> String {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("locales")
        .join(language.code());
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .map(|entries| {
            entries
                .filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|p| p.extension().is_some_and(|x| x == "ftl"))
                .collect()
        })
        .unwrap_or_default();
    files.sort();
    files
        .iter()
        .filter_map(|p| std::fs::read_to_string(p).ok())
        .collect::<Vec<_>>()
        .join("\n")
}

/// Message ids defined in a Fluent source (top-level `key =` lines).
pub fn message_ids(source: &str) -> Vec<String> {
    source
        .lines()
        .filter(|l| l.starts_with(|c: char| c.is_ascii_alphabetic()))
        .filter_map(|l| l.split_once('=').map(|(k, _)| k.trim().to_owned()))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_key_exists_in_every_language() {
        let reference = message_ids(&source(Language::De));
        assert!(reference.len() > 20);
        for language in Language::ALL {
            let ids = message_ids(&source(language));
            let missing: Vec<_> = reference.iter().filter(|k| !ids.contains(k)).collect();
            let extra: Vec<_> = ids.iter().filter(|k| !reference.contains(k)).collect();
            assert!(
                missing.is_empty(),
                "{}: missing {missing:?}",
                language.code()
            );
            assert!(
                extra.is_empty(),
                "{}: not in German {extra:?}",
                language.code()
            );
            let mut sorted = ids.clone();
            sorted.sort();
            sorted.dedup();
            assert_eq!(
                sorted.len(),
                ids.len(),
                "{}: duplicate keys",
                language.code()
            );
            let args = [
                ("name", "X".into()),
                ("count", 2.into()),
                ("role", "X".into()),
                ("page", 1.into()),
                ("pages", 2.into()),
                ("number", "X".into()),
                ("date", "X".into()),
                ("min", 2.into()),
                ("text", "X".into()),
                ("kib", 1.into()),
                ("mib", 1.into()),
                ("amount", "X".into()),
                ("from", "X".into()),
                ("to", "X".into()),
                ("line", 1.into()),
                ("shown", 1.into()),
                ("total", 2.into()),
                // My account, consent and legal settings, registration (issue 8).
                ("floor", 8.into()),
                ("max", 1024.into()),
                ("version", 1.into()),
                ("browser", "X".into()),
                ("os", "X".into()),
                ("device", "X".into()),
                ("created", "X".into()),
                ("document", "X".into()),
                ("language", "X".into()),
                ("tenant", "X".into()),
                ("email", "X".into()),
                // View as user (issue 9).
                ("minutes", 30.into()),
                ("user", "X".into()),
                ("staff", "X".into()),
                ("time", "X".into()),
                ("broker", "X".into()),
            ];
            for key in &ids {
                assert_ne!(
                    text_with(language, key, &args),
                    *key,
                    "{}: {key} does not resolve",
                    language.code()
                );
            }
        }
    }

    /// Every key of every closed vocabulary, as (message prefix, keys).
    fn vocabularies() -> Vec<(&'static str, Vec<&'static str>)> {
        macro_rules! vocabulary {
            ($prefix:literal, $code:ident) => {
                (
                    $prefix,
                    kp_domain::$code::ALL.iter().map(|c| c.as_str()).collect(),
                )
            };
        }
        vec![
            vocabulary!("lob", LineOfBusiness),
            vocabulary!("contract-type", ContractType),
            vocabulary!("contract-status", ContractStatus),
            vocabulary!("payment-frequency", PaymentFrequency),
            vocabulary!("claim-status", ClaimStatus),
            vocabulary!("claim-type", ClaimType),
            vocabulary!("document-type", DocumentType),
            vocabulary!("object-kind", ObjectKind),
            vocabulary!("customer-kind", CustomerKind),
            vocabulary!("finance-kind", FinanceKind),
            vocabulary!("role", StaffRole),
            vocabulary!("portal-user-status", PortalUserStatus),
            vocabulary!("area", MenuArea),
            vocabulary!("function", Function),
            vocabulary!("premium-reason", PremiumChangeReason),
        ]
    }

    #[test]
    fn every_code_has_a_translation() {
        let vocabularies = vocabularies();
        // A vocabulary added to codes.rs or permission_codes.rs must be
        // added to the list above.
        let declared = [
            include_str!("../../domain/src/codes.rs"),
            include_str!("../../domain/src/permission_codes.rs"),
        ]
        .iter()
        .map(|source| source.matches("\ncode_enum!(").count())
        .sum::<usize>();
        assert_eq!(
            vocabularies.len(),
            declared,
            "vocabularies in the code modules"
        );
        for language in Language::ALL {
            let ids = message_ids(&source(language));
            let missing: Vec<String> = vocabularies
                .iter()
                .flat_map(|(prefix, keys)| keys.iter().map(move |key| format!("{prefix}-{key}")))
                .filter(|id| !ids.contains(id))
                .collect();
            assert!(
                missing.is_empty(),
                "{}: no translation for {missing:?}",
                language.code()
            );
        }
    }

    #[test]
    fn arguments_are_substituted() {
        let s = text_with(Language::En, "home-greeting", &[("name", "Ada".into())]);
        assert!(s.contains("Ada"), "{s}");
    }
}

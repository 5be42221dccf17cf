//! The four interface languages.

use serde::{Deserialize, Serialize};

#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Default, utoipa::ToSchema,
)]
#[serde(rename_all = "lowercase")]
pub enum Language {
    #[default]
    De,
    En,
    Fr,
    Es,
}

impl Language {
    pub const ALL: [Language; 4] = [Language::De, Language::En, Language::Fr, Language::Es];

    pub fn code(self) -> &'static str {
        match self {
            Language::De => "de",
            Language::En => "en",
            Language::Fr => "fr",
            Language::Es => "es",
        }
    }

    /// Parses a language code; region suffixes (`de-AT`) are ignored so that
    /// an `Accept-Language` entry can be passed directly.
    pub fn parse(code: &str) -> Option<Language> {
        let primary = code.split(['-', '_']).next()?.trim().to_ascii_lowercase();
        Language::ALL.into_iter().find(|l| l.code() == primary)
    }

    /// Picks the best supported language from an `Accept-Language` header,
    /// honouring q-values.
    pub fn negotiate(accept_language: &str) -> Option<Language> {
        let mut best: Option<(f32, Language)> = None;
        for part in accept_language.split(',') {
            let mut pieces = part.split(';');
            let tag = pieces.next().unwrap_or_default();
            let q = pieces
                .find_map(|p| p.trim().strip_prefix("q="))
                .and_then(|q| q.parse::<f32>().ok())
                .unwrap_or(1.0);
            if let Some(lang) = Language::parse(tag)
                && best.is_none_or(|(bq, _)| q > bq)
            {
                best = Some((q, lang));
            }
        }
        best.map(|(_, l)| l)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn negotiation_prefers_highest_quality_supported_language() {
        assert_eq!(
            Language::negotiate("it, fr;q=0.8, en;q=0.9"),
            Some(Language::En)
        );
        assert_eq!(Language::negotiate("de-AT"), Some(Language::De));
        assert_eq!(Language::negotiate("it, pt"), None);
    }
}

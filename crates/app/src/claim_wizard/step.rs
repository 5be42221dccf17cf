//! The wizard's steps and their order.

use serde::Serialize;

/// The wizard's steps in order; see the module documentation for where a
/// new one goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Step {
    Object,
    Loss,
    Type,
    What,
    Amount,
    Parties,
    Contact,
    /// Documents and photos; may be left without any.
    Documents,
    Summary,
}

impl Step {
    pub const ALL: [Step; 9] = [
        Step::Object,
        Step::Loss,
        Step::Type,
        Step::What,
        Step::Amount,
        Step::Parties,
        Step::Contact,
        Step::Documents,
        Step::Summary,
    ];

    /// The step's name in URLs, templates and translation keys.
    pub fn slug(self) -> &'static str {
        match self {
            Step::Object => "object",
            Step::Loss => "loss",
            Step::Type => "type",
            Step::What => "what",
            Step::Amount => "amount",
            Step::Parties => "parties",
            Step::Contact => "contact",
            Step::Documents => "documents",
            Step::Summary => "summary",
        }
    }

    pub fn parse(slug: &str) -> Option<Step> {
        Step::ALL.into_iter().find(|s| s.slug() == slug)
    }

    fn position(self) -> usize {
        Step::ALL.iter().position(|s| *s == self).unwrap_or(0)
    }

    /// 1-based, for "step 3 of 9".
    pub fn number(self) -> usize {
        self.position() + 1
    }

    pub fn next(self) -> Step {
        Step::ALL
            .get(self.position() + 1)
            .copied()
            .unwrap_or(Step::Summary)
    }

    pub fn previous(self) -> Option<Step> {
        self.position()
            .checked_sub(1)
            .and_then(|i| Step::ALL.get(i).copied())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn steps_run_in_order_and_end_at_the_summary() {
        assert_eq!(Step::Object.next(), Step::Loss);
        assert_eq!(Step::Contact.next(), Step::Documents);
        assert_eq!(Step::Documents.next(), Step::Summary);
        assert_eq!(Step::Summary.next(), Step::Summary);
        assert_eq!(Step::Object.previous(), None);
        assert_eq!(Step::Loss.previous(), Some(Step::Object));
        for s in Step::ALL {
            assert_eq!(Step::parse(s.slug()), Some(s));
        }
        assert_eq!(Step::Summary.number(), Step::ALL.len());
    }
}

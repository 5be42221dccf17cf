//! Problems found while reading, and the errors that stop reading.

use serde::Serialize;

/// How serious a problem is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    /// Noted for completeness; the data was read.
    Info,
    /// Data was read, but something is inconsistent (e.g. Nachsatz totals).
    Warning,
    /// Some data could not be read (a field, a line).
    Error,
}

/// What kind of problem was found.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ProblemKind {
    /// A line does not start with a four-digit Satzart.
    NotARecord,
    /// Lines that are not records after the last Nachsatz.
    TrailingGarbage,
    /// A line longer than 256 characters was cut.
    OverlongLine,
    /// A line claimed to be UTF-8 is not.
    InvalidUtf8,
    /// A Satzart that is neither in the GDV description nor company-specific.
    UnknownRecordType,
    /// A discriminator that selects the layout (Wagnisart, Folge-Nr.) is missing or invalid;
    /// the record is kept raw.
    UndeterminedLayout,
    /// The Teildatensatz number is not a digit.
    InvalidTeildatensatz,
    /// A date field holds no valid TTMMJJJJ / MMJJJJ value.
    InvalidDate,
    /// A numeric field holds something other than digits.
    InvalidNumber,
    /// A sign field holds something other than `+`, `-` or blank.
    InvalidSign,
    /// A record appears before the first Vorsatz or after a Nachsatz.
    RecordOutsidePackage,
    /// A package was not closed by a Nachsatz.
    MissingNachsatz,
    /// A Nachsatz without a preceding Vorsatz.
    MissingVorsatz,
    /// The Nachsatz record count disagrees with the records read.
    NachsatzCountMismatch,
    /// The Nachsatz premium total disagrees with the sum of the 0200 premiums.
    NachsatzPremiumMismatch,
}

/// One problem, located as precisely as possible.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Problem {
    pub severity: Severity,
    pub kind: ProblemKind,
    /// Physical line (1-based); for files without line breaks the 256-byte record number.
    pub line: u64,
    /// Byte column within the 256-byte record (1-based), when known.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub column: Option<u16>,
    /// Technical field name from the record description, when the problem is in a field.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub field: Option<&'static str>,
    /// The raw text that could not be read.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub raw: Option<String>,
    pub message: String,
}

impl Problem {
    pub(crate) fn new(
        severity: Severity,
        kind: ProblemKind,
        line: u64,
        message: impl Into<String>,
    ) -> Self {
        Problem {
            severity,
            kind,
            line,
            column: None,
            field: None,
            raw: None,
            message: message.into(),
        }
    }

    pub(crate) fn at(mut self, column: u16) -> Self {
        self.column = Some(column);
        self
    }

    pub(crate) fn field(mut self, field: &'static str) -> Self {
        self.field = Some(field);
        self
    }

    pub(crate) fn raw(mut self, raw: impl Into<String>) -> Self {
        self.raw = Some(raw.into());
        self
    }
}

impl std::fmt::Display for Problem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let severity = match self.severity {
            Severity::Info => "info",
            Severity::Warning => "warning",
            Severity::Error => "error",
        };
        write!(f, "line {}", self.line)?;
        if let Some(column) = self.column {
            write!(f, ", column {column}")?;
        }
        write!(f, ": {severity}: {}", self.message)?;
        if let Some(field) = self.field {
            write!(f, " [{field}]")?;
        }
        if let Some(raw) = &self.raw {
            write!(f, " (raw {raw:?})")?;
        }
        Ok(())
    }
}

/// Errors that stop reading.
#[derive(Debug)]
pub enum Error {
    /// Reading the input failed.
    Io(std::io::Error),
    /// The input is not a GDV file at all.
    NotGdv(String),
}

impl std::fmt::Display for Error {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Error::Io(e) => write!(f, "read error: {e}"),
            Error::NotGdv(why) => write!(f, "not a GDV file: {why}"),
        }
    }
}

impl std::error::Error for Error {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Error::Io(e) => Some(e),
            Error::NotGdv(_) => None,
        }
    }
}

impl From<std::io::Error> for Error {
    fn from(e: std::io::Error) -> Self {
        Error::Io(e)
    }
}

//! Reader for GDV "VU-Vermittler" files: the fixed-width 256-byte records in
//! which German insurers deliver portfolio, contract, claim and accounting
//! data to brokers.
//!
//! What lives here:
//! - input handling: encoding detection (ISO-8859-1, CP850, UTF-8), line
//!   ends, short and overlong lines (`physical`, `encoding`);
//! - record structure: layouts keyed by Satzart, Sparte and further
//!   discriminators, Teildatensatz numbers at layout-specific positions
//!   (`layout`), logical records and packages (`reader`, `record`);
//! - typed records for 0001, 0100, 0200, 0210/0220 of the main Sparten,
//!   0300, 0400/0410, 0500/0550 and 9999 (`records`), with value types for
//!   dates, money and decimals (`value`) and code lists (`codes`);
//! - the validation report (`report`), streaming and serialisable.
//!
//! Everything not typed stays available raw in [`Record::parts`].
//!
//! ```
//! let mut file = format!("{:<256}\n", "00019999 XXX Versicherung AG");
//! file.push_str(&format!("{:<256}\n", "99990000000000"));
//! let report = gdv::read_report(file.as_bytes(), gdv::Options::default())?;
//! assert_eq!(report.packages.len(), 1);
//! assert!(gdv::read_report(&b"no GDV"[..], gdv::Options::default()).is_err());
//! # Ok::<(), gdv::Error>(())
//! ```

pub mod codes;
pub mod encoding;
mod field;
pub mod layout;
mod physical;
mod problem;
mod reader;
mod record;
pub mod records;
mod report;
mod report_text;
pub mod value;

pub use encoding::Encoding;
pub use layout::LayoutId;
pub use physical::{InputStats, RECORD_LEN};
pub use problem::{Error, Problem, ProblemKind, Severity};
pub use reader::{Item, Options, Reader};
pub use record::{RawReason, Record, RecordKey, RecordKind, Teildatensatz};
pub use report::{Counts, MAX_PROBLEMS, NachsatzCheck, PackageReport, Report, read_report};
pub use value::{Currency, Decimal, GdvDate, Money};

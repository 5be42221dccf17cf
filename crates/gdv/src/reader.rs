//! The streaming reader: physical lines → logical records → packages.
//!
//! Teildatensätze of one record may be interleaved with those of another
//! (Leben 0220/0221, see FORMAT-NOTES §3.4), so records stay open while lines
//! of the same contract arrive; memory is bounded by [`MAX_OPEN`].

use std::collections::VecDeque;
use std::io::Read;

use crate::encoding::{Encoding, LineCharset};
use crate::layout::{self, LayoutId, TdPosition};
use crate::physical::{InputStats, Lines, PhysLine};
use crate::problem::{Error, Problem, ProblemKind, Severity};
use crate::record::{Record, Teildatensatz};

/// Records kept open at most; older ones are completed first.
const MAX_OPEN: usize = 64;

/// Reading options.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Options {
    /// Force an encoding instead of detecting it from the first 64 KiB.
    pub encoding: Option<Encoding>,
}

/// What the reader yields, in file order.
#[derive(Debug, Clone, PartialEq)]
pub enum Item {
    /// A Vorsatz (0001) opened a Datenpaket.
    PackageStart(Record),
    /// A record; outside a package only if a problem says so.
    Record(Record),
    /// The package ended with its Nachsatz, or `None` if the Nachsatz is missing.
    PackageEnd(Option<Record>),
    /// A problem not tied to a single record's fields.
    Problem(Problem),
}

/// A logical record still collecting Teildatensätze.
struct Open {
    layout: LayoutId,
    group: Vec<u8>,
    /// Leben: number of the insured person, which some files leave blank in later TDs.
    person: Vec<u8>,
    contract: Vec<u8>,
    last_td: Option<u8>,
    parts: Vec<Teildatensatz>,
}

/// Streaming GDV reader; an iterator of [`Item`]s. Stops after the first [`Error`].
pub struct Reader<R> {
    lines: Lines<R>,
    charset: LineCharset,
    open: VecDeque<Open>,
    out: VecDeque<Item>,
    in_package: bool,
    outside_reported: bool,
    seen_record: bool,
    seen_nachsatz: bool,
    done: bool,
}

impl<R: Read> Reader<R> {
    /// Starts reading; reads the first 64 KiB to detect the encoding.
    pub fn new(input: R, options: Options) -> Result<Self, Error> {
        let lines = Lines::new(input, options.encoding)?;
        let charset = lines.charset();
        Ok(Reader {
            lines,
            charset,
            open: VecDeque::new(),
            out: VecDeque::new(),
            in_package: false,
            outside_reported: false,
            seen_record: false,
            seen_nachsatz: false,
            done: false,
        })
    }

    /// The encoding used (detected or forced).
    pub fn encoding(&self) -> Encoding {
        self.lines.encoding()
    }

    /// What the input looked like physically, so far.
    pub fn input_stats(&self) -> &InputStats {
        &self.lines.stats
    }

    fn step(&mut self) -> Result<(), Error> {
        let mut problems = Vec::new();
        let line = self.lines.next_line(&mut problems)?;
        self.out.extend(problems.into_iter().map(Item::Problem));
        match line {
            Some(line) => self.accept(line),
            None => {
                self.flush(0);
                if !self.seen_record {
                    return Err(Error::NotGdv("the file holds no records".into()));
                }
                if self.in_package {
                    let line = self.lines.stats.records;
                    self.problem(Problem::new(
                        Severity::Error,
                        ProblemKind::MissingNachsatz,
                        line,
                        "file ends inside a Datenpaket: Nachsatz 9999 missing",
                    ));
                    self.out.push_back(Item::PackageEnd(None));
                    self.in_package = false;
                }
                self.done = true;
                Ok(())
            }
        }
    }

    fn problem(&mut self, problem: Problem) {
        self.out.push_back(Item::Problem(problem));
    }

    fn accept(&mut self, line: PhysLine) -> Result<(), Error> {
        let Some(satzart) = layout::digits_at(&line.bytes, 1, 4) else {
            return self.not_a_record(&line);
        };
        self.seen_record = true;
        if !layout::is_standard(satzart) && !layout::is_company_specific(satzart) {
            let raw = self.charset.decode(&line.bytes[..4]);
            self.problem(
                Problem::new(
                    Severity::Warning,
                    ProblemKind::UnknownRecordType,
                    line.number,
                    format!("unknown Satzart {raw}; kept raw"),
                )
                .at(1)
                .field("Satzart")
                .raw(raw),
            );
        }
        let id = layout::identify(satzart, &line.bytes);
        let position = layout::td_position(&id);
        let td = layout::td_number(position, &line.bytes);
        if let TdPosition::At(p) = position
            && td.is_none()
            && line.bytes[p - 1] != b' '
        {
            let raw = self.charset.decode(&line.bytes[p - 1..p]);
            self.problem(
                Problem::new(
                    Severity::Warning,
                    ProblemKind::InvalidTeildatensatz,
                    line.number,
                    format!("Teildatensatz number of {id} is not a digit"),
                )
                .at(u16::try_from(p).unwrap_or(256))
                .field("SatzNr")
                .raw(raw),
            );
        }
        if let Some((pos, field)) = layout::missing_discriminator(&id) {
            let at = usize::from(pos);
            let raw = self.charset.decode(&line.bytes[at - 1..at]);
            self.problem(
                Problem::new(
                    Severity::Error,
                    ProblemKind::UndeterminedLayout,
                    line.number,
                    format!("{id}: {field} does not select a known layout; record kept raw"),
                )
                .at(pos)
                .field(field)
                .raw(raw),
            );
        }
        let contract = contract_key(satzart, &line.bytes);
        let group = group_key(&id, &line.bytes);
        let person = person_key(&id, &line.bytes);
        let starts_fresh = satzart == 9999
            || self.open.back().is_some_and(|o| {
                o.contract != contract || (satzart == 1) != (o.layout.satzart == 1)
            });
        if starts_fresh {
            self.flush(0);
        }
        let part = Teildatensatz {
            number: td,
            line: line.number,
            bytes: line.bytes,
        };
        let single = position == TdPosition::Single || td.is_none();
        let target = if single {
            None
        } else {
            self.open.iter_mut().rev().find(|o| {
                o.layout == id
                    && o.group == group
                    && (o.person == person || o.person.is_empty() || person.is_empty())
                    && o.last_td.is_some_and(|last| Some(last) < td)
            })
        };
        match target {
            Some(open) => {
                open.last_td = td;
                open.parts.push(part);
            }
            None => self.open.push_back(Open {
                layout: id,
                group,
                person,
                contract,
                last_td: td,
                parts: vec![part],
            }),
        }
        // Earlier open records may still get parts after a single-Teildatensatz
        // record; only the Nachsatz closes everything.
        if satzart == 9999 {
            self.flush(0);
        }
        self.flush(MAX_OPEN);
        Ok(())
    }

    fn not_a_record(&mut self, line: &PhysLine) -> Result<(), Error> {
        let text = self.charset.decode(&line.bytes[..]);
        let shown: String = text.trim_end().chars().take(60).collect();
        if !self.seen_record {
            return Err(Error::NotGdv(format!(
                "line {} does not start with a four-digit Satzart: {shown:?}",
                line.number
            )));
        }
        let (kind, message) = if self.seen_nachsatz && !self.in_package && self.open.is_empty() {
            (ProblemKind::TrailingGarbage, "data after the last Nachsatz")
        } else {
            (
                ProblemKind::NotARecord,
                "line does not start with a four-digit Satzart; skipped",
            )
        };
        self.problem(
            Problem::new(Severity::Error, kind, line.number, message)
                .at(1)
                .raw(shown),
        );
        Ok(())
    }

    /// Completes open records, oldest first, until at most `keep` remain.
    fn flush(&mut self, keep: usize) {
        while self.open.len() > keep {
            let Some(open) = self.open.pop_front() else {
                break;
            };
            let record = Record::build(open.layout, open.parts, self.charset);
            self.emit(record);
        }
    }

    fn emit(&mut self, record: Record) {
        match record.satzart() {
            1 => {
                if self.in_package {
                    self.problem(Problem::new(
                        Severity::Error,
                        ProblemKind::MissingNachsatz,
                        record.line(),
                        "new Vorsatz before the Nachsatz of the previous Datenpaket",
                    ));
                    self.out.push_back(Item::PackageEnd(None));
                }
                self.in_package = true;
                self.outside_reported = false;
                self.out.push_back(Item::PackageStart(record));
            }
            9999 => {
                if !self.in_package {
                    self.problem(Problem::new(
                        Severity::Error,
                        ProblemKind::MissingVorsatz,
                        record.line(),
                        "Nachsatz without a Vorsatz",
                    ));
                }
                self.in_package = false;
                self.seen_nachsatz = true;
                self.out.push_back(Item::PackageEnd(Some(record)));
            }
            _ => {
                if !self.in_package && !self.outside_reported {
                    self.outside_reported = true;
                    self.problem(Problem::new(
                        Severity::Warning,
                        ProblemKind::RecordOutsidePackage,
                        record.line(),
                        "records outside a Datenpaket (no Vorsatz 0001 before them)",
                    ));
                }
                self.out.push_back(Item::Record(record));
            }
        }
    }
}

impl<R: Read> Iterator for Reader<R> {
    type Item = Result<Item, Error>;

    fn next(&mut self) -> Option<Self::Item> {
        loop {
            if let Some(item) = self.out.pop_front() {
                return Some(Ok(item));
            }
            if self.done {
                return None;
            }
            if let Err(e) = self.step() {
                self.done = true;
                self.open.clear();
                self.out.clear();
                return Some(Err(e));
            }
        }
    }
}

/// VU-Nr and VS-Nr: records of one contract stay open together.
fn contract_key(satzart: u16, bytes: &[u8; 256]) -> Vec<u8> {
    if satzart == 1 {
        return bytes[4..9].to_vec();
    }
    let mut key = bytes[4..9].to_vec();
    key.extend_from_slice(&bytes[13..30]);
    key
}

/// Bytes that all Teildatensätze of one record share.
fn group_key(id: &LayoutId, bytes: &[u8; 256]) -> Vec<u8> {
    match (id.satzart, id.sparte) {
        // The Vorsatz TDs only share Satzart and VU-Nr reliably.
        (1, _) => bytes[..9].to_vec(),
        // Leben: the Wagnisart; the person number is compared separately.
        (220 | 221, Some(10)) => {
            let mut key = bytes[..42].to_vec();
            key.push(bytes[59]);
            key
        }
        // Kranken: person and tariff number.
        (220, Some(20)) => bytes[..47].to_vec(),
        _ => bytes[..42].to_vec(),
    }
}

/// Leben: the insured person's number (bytes 43–59), trimmed; empty elsewhere.
fn person_key(id: &LayoutId, bytes: &[u8; 256]) -> Vec<u8> {
    match (id.satzart, id.sparte) {
        (220 | 221, Some(10)) => crate::value::trim_blanks(&bytes[42..59]).to_vec(),
        _ => Vec::new(),
    }
}

//! The reading side: a blocking thread streams the spooled file through the
//! GDV reader and hands the records of one contract (same VU number and
//! policy number, in file order) to the writer as one group, so that a
//! contract is always written whole.

use std::io::Read;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

use gdv::{Item, Options, Reader, Record, RecordKind};
use tokio::sync::mpsc::Sender;

/// How far the reader got.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Progress {
    /// Logical records read.
    pub records: u64,
    pub bytes: u64,
    pub total_bytes: u64,
}

/// The records of one contract.
#[derive(Debug)]
pub(crate) struct Group {
    pub vu: String,
    pub policy: String,
    pub records: Vec<Record>,
}

pub(crate) enum Msg {
    /// A Vorsatz: the VU number and the sender, which names a new insurer.
    Package {
        vu: String,
        sender: String,
    },
    Group(Group),
    /// The package ended: a good moment to commit.
    PackageEnd,
    Progress(Progress),
}

/// Counts the bytes the reader has taken.
struct Counting<R> {
    inner: R,
    bytes: Arc<AtomicU64>,
}

impl<R: Read> Read for Counting<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.bytes.fetch_add(n as u64, Ordering::Relaxed);
        Ok(n)
    }
}

/// Progress is reported every this many records.
const PROGRESS_EVERY: u64 = 2_000;

/// Reads `file` and sends its groups; returns when the file is done or the
/// writer hung up. The file was checked before, so a reader error here is
/// an I/O error.
pub(crate) fn read(file: std::fs::File, total_bytes: u64, out: &Sender<Msg>) -> Result<(), String> {
    let bytes = Arc::new(AtomicU64::new(0));
    let input = Counting {
        inner: std::io::BufReader::with_capacity(256 * 1024, file),
        bytes: bytes.clone(),
    };
    let reader = Reader::new(input, Options::default()).map_err(|e| e.to_string())?;
    let mut current: Option<Group> = None;
    let mut records = 0u64;
    let send = |msg: Msg| {
        out.blocking_send(msg)
            .map_err(|_| "the writer stopped".to_owned())
    };
    for item in reader {
        let item = item.map_err(|e| e.to_string())?;
        match item {
            Item::PackageStart(record) => {
                if let Some(g) = current.take() {
                    send(Msg::Group(g))?;
                }
                if let RecordKind::Vorsatz(v) = &record.kind {
                    send(Msg::Package {
                        vu: v.vu_number.trim().to_owned(),
                        sender: v.sender.as_deref().unwrap_or_default().trim().to_owned(),
                    })?;
                }
            }
            Item::PackageEnd(_) => {
                if let Some(g) = current.take() {
                    send(Msg::Group(g))?;
                }
                send(Msg::PackageEnd)?;
            }
            Item::Record(record) => {
                records += 1;
                let key = record.key();
                let vu = key.vu_number.trim().to_owned();
                let same = current
                    .as_ref()
                    .is_some_and(|g| g.vu == vu && g.policy == key.policy_number);
                if !same && let Some(g) = current.take() {
                    send(Msg::Group(g))?;
                }
                current
                    .get_or_insert_with(|| Group {
                        vu,
                        policy: key.policy_number,
                        records: Vec::new(),
                    })
                    .records
                    .push(record);
                if records.is_multiple_of(PROGRESS_EVERY) {
                    send(Msg::Progress(Progress {
                        records,
                        bytes: bytes.load(Ordering::Relaxed),
                        total_bytes,
                    }))?;
                }
            }
            // Problems were collected by the check before the import.
            Item::Problem(_) => {}
        }
    }
    if let Some(g) = current.take() {
        send(Msg::Group(g))?;
    }
    send(Msg::Progress(Progress {
        records,
        bytes: bytes.load(Ordering::Relaxed),
        total_bytes,
    }))?;
    Ok(())
}

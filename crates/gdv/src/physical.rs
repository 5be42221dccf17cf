//! Cuts the input into physical 256-character records.
//!
//! Real files end lines with CR LF, LF or nothing at all, strip trailing
//! blanks and may be UTF-8 (then a line holds 256 characters but more bytes).
//! Every record leaves this module as exactly 256 one-byte characters.

use std::io::Read;

use serde::Serialize;

use crate::encoding::{self, Encoding, LineCharset};
use crate::problem::{Problem, ProblemKind, Severity};

/// Length of a GDV record in characters.
pub const RECORD_LEN: usize = 256;
const READ_CHUNK: usize = 64 * 1024;
/// Longest line we look at for a line break: 256 four-byte UTF-8 characters plus CR LF.
const SCAN: usize = RECORD_LEN * 4 + 2;

/// One physical record, padded to 256 bytes in the line charset.
#[derive(Debug, Clone)]
pub(crate) struct PhysLine {
    pub number: u64,
    pub bytes: Box<[u8; RECORD_LEN]>,
}

/// What the input looked like physically.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct InputStats {
    /// Records read (lines that were not blank).
    pub records: u64,
    pub crlf_lines: u64,
    pub lf_lines: u64,
    /// Records not followed by a line break (files without separators, or a last line without one).
    pub unterminated: u64,
    /// Lines shorter than 256 characters that were padded with blanks.
    pub padded_lines: u64,
    /// Empty or blank lines that were skipped.
    pub blank_lines: u64,
    /// Lines longer than 256 characters that were cut.
    pub overlong_lines: u64,
}

pub(crate) struct Lines<R> {
    inner: R,
    buf: Vec<u8>,
    pos: usize,
    eof: bool,
    encoding: Encoding,
    charset: LineCharset,
    number: u64,
    pub stats: InputStats,
}

enum Ending {
    CrLf,
    Lf,
    None,
}

impl<R: Read> Lines<R> {
    /// Reads a sample to detect the encoding unless one is forced.
    pub fn new(inner: R, forced: Option<Encoding>) -> std::io::Result<Self> {
        let mut lines = Lines {
            inner,
            buf: Vec::with_capacity(READ_CHUNK * 2),
            pos: 0,
            eof: false,
            encoding: Encoding::Latin1,
            charset: LineCharset::Cp1252,
            number: 0,
            stats: InputStats::default(),
        };
        lines.fill(READ_CHUNK)?;
        // Some Windows tools prefix UTF-8 files with a byte order mark.
        let bom = lines.buf.starts_with(b"\xEF\xBB\xBF");
        if bom {
            lines.pos = 3;
        }
        lines.encoding = forced.unwrap_or_else(|| {
            if bom {
                Encoding::Utf8
            } else {
                encoding::detect(&lines.buf)
            }
        });
        lines.charset = lines.encoding.line_charset();
        Ok(lines)
    }

    pub fn encoding(&self) -> Encoding {
        self.encoding
    }

    pub fn charset(&self) -> LineCharset {
        self.charset
    }

    /// Makes at least `want` unread bytes available unless the input ends first.
    fn fill(&mut self, want: usize) -> std::io::Result<()> {
        if self.pos > 0 && self.pos >= self.buf.len() / 2 {
            self.buf.drain(..self.pos);
            self.pos = 0;
        }
        while !self.eof && self.buf.len() - self.pos < want {
            let old = self.buf.len();
            self.buf.resize(old + READ_CHUNK, 0);
            match self.inner.read(&mut self.buf[old..]) {
                Ok(0) => {
                    self.buf.truncate(old);
                    self.eof = true;
                }
                Ok(n) => self.buf.truncate(old + n),
                Err(e) if e.kind() == std::io::ErrorKind::Interrupted => self.buf.truncate(old),
                Err(e) => {
                    self.buf.truncate(old);
                    return Err(e);
                }
            }
        }
        Ok(())
    }

    /// Byte index where the character after the first `n` starts, if there are more than `n`.
    fn cut_after(&self, bytes: &[u8], n: usize) -> Option<usize> {
        if self.encoding != Encoding::Utf8 {
            return (bytes.len() > n).then_some(n);
        }
        let mut count = 0;
        for (i, b) in bytes.iter().enumerate() {
            if b & 0xC0 != 0x80 {
                if count == n {
                    return Some(i);
                }
                count += 1;
            }
        }
        None
    }

    /// The next non-blank record, with any problem found on the way.
    pub fn next_line(&mut self, problems: &mut Vec<Problem>) -> std::io::Result<Option<PhysLine>> {
        loop {
            self.fill(SCAN)?;
            let avail = &self.buf[self.pos..];
            if avail.is_empty() {
                return Ok(None);
            }
            let window = &avail[..avail.len().min(SCAN)];
            let (mut content_len, mut consumed, mut ending) =
                match window.iter().position(|b| *b == b'\n') {
                    Some(p) if p > 0 && window[p - 1] == b'\r' => (p - 1, p + 1, Ending::CrLf),
                    Some(p) => (p, p + 1, Ending::Lf),
                    None if self.eof && avail.len() <= SCAN => {
                        let len = if avail.last() == Some(&b'\r') {
                            avail.len() - 1
                        } else {
                            avail.len()
                        };
                        (len, avail.len(), Ending::None)
                    }
                    // No line break in sight: a file without separators.
                    None => (window.len(), window.len(), Ending::None),
                };
            self.number += 1;
            if let Some(cut) = self.cut_after(&window[..content_len], RECORD_LEN) {
                if !matches!(ending, Ending::None) {
                    self.stats.overlong_lines += 1;
                    problems.push(
                        Problem::new(
                            Severity::Warning,
                            ProblemKind::OverlongLine,
                            self.number,
                            "line longer than 256 characters; cut into records",
                        )
                        .at(257),
                    );
                }
                content_len = cut;
                consumed = cut;
                ending = Ending::None;
                // A lone CR after a 256-byte record is an old Mac line end.
                if window.get(cut) == Some(&b'\r') && window.get(cut + 1) != Some(&b'\n') {
                    consumed += 1;
                }
            }
            let content = &window[..content_len];
            let blank = content
                .iter()
                .all(|b| matches!(b, b' ' | b'\t' | 0x1A | b'\r'));
            let line = if blank {
                None
            } else {
                Some(to_record(self.encoding, self.number, content, problems))
            };
            match ending {
                Ending::CrLf => self.stats.crlf_lines += 1,
                Ending::Lf => self.stats.lf_lines += 1,
                Ending::None if !blank => self.stats.unterminated += 1,
                Ending::None => {}
            }
            self.pos += consumed;
            match line {
                Some((line, padded)) => {
                    self.stats.records += 1;
                    self.stats.padded_lines += u64::from(padded);
                    return Ok(Some(line));
                }
                None => self.stats.blank_lines += 1,
            }
        }
    }
}

/// Pads or transcodes a line to 256 one-byte characters; also says whether it was short.
fn to_record(
    encoding: Encoding,
    number: u64,
    content: &[u8],
    problems: &mut Vec<Problem>,
) -> (PhysLine, bool) {
    let mut bytes = Box::new([b' '; RECORD_LEN]);
    let mut len = 0;
    if encoding == Encoding::Utf8 {
        match std::str::from_utf8(content) {
            Ok(text) => {
                for (slot, c) in bytes.iter_mut().zip(text.chars()) {
                    *slot = encoding::cp1252_byte(c);
                    len += 1;
                }
            }
            Err(e) => {
                problems.push(
                    Problem::new(
                        Severity::Warning,
                        ProblemKind::InvalidUtf8,
                        number,
                        "invalid UTF-8; line read as ISO-8859-1",
                    )
                    .at(u16::try_from(e.valid_up_to() + 1).unwrap_or(u16::MAX)),
                );
                len = content.len().min(RECORD_LEN);
                bytes[..len].copy_from_slice(&content[..len]);
            }
        }
    } else {
        len = content.len().min(RECORD_LEN);
        bytes[..len].copy_from_slice(&content[..len]);
    }
    (PhysLine { number, bytes }, len < RECORD_LEN)
}

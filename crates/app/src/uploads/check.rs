//! What an uploaded file is, decided by its bytes (A7, B8): the magic
//! bytes at its start against an allow-list, checked while it streams in,
//! and matched against the extension of its name. A file whose content and
//! name disagree (an `.exe` renamed `.pdf`) is refused, as is anything not
//! on the list.
//!
//! A polyglot (a PDF with a zip appended, say) is taken for what its first
//! bytes say, because that is how it will be opened: it is served with
//! that media type only, never one the client named, and with `nosniff`.

/// Longest display name kept, in characters; longer names are cut before
/// the extension.
pub const MAX_NAME_CHARS: usize = 120;

/// The kinds of file the portal accepts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FileKind {
    Pdf,
    Jpeg,
    Png,
    Heic,
    Tiff,
    /// Word, Excel, PowerPoint 2007+ (a zip with `[Content_Types].xml`).
    Ooxml,
    /// Word, Excel, PowerPoint 97–2003 (an OLE compound file).
    Ole,
    /// UTF-8 text without NUL bytes.
    Text,
}

/// The kind and media type an extension (lower case) stands for.
pub fn by_extension(ext: &str) -> Option<(FileKind, &'static str)> {
    use FileKind::*;
    Some(match ext {
        "pdf" => (Pdf, "application/pdf"),
        "jpg" | "jpeg" => (Jpeg, "image/jpeg"),
        "png" => (Png, "image/png"),
        "heic" | "heif" => (Heic, "image/heic"),
        "tif" | "tiff" => (Tiff, "image/tiff"),
        "docx" => (
            Ooxml,
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        ),
        "xlsx" => (
            Ooxml,
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        ),
        "pptx" => (
            Ooxml,
            "application/vnd.openxmlformats-officedocument.presentationml.presentation",
        ),
        "doc" => (Ole, "application/msword"),
        "xls" => (Ole, "application/vnd.ms-excel"),
        "ppt" => (Ole, "application/vnd.ms-powerpoint"),
        "txt" | "csv" => (Text, "text/plain; charset=utf-8"),
        _ => return None,
    })
}

/// The extension of a (sanitised) name, lower case; empty when none.
pub fn extension(name: &str) -> String {
    match name.rsplit_once('.') {
        Some((stem, ext)) if !stem.is_empty() => ext.to_lowercase(),
        _ => String::new(),
    }
}

/// Characters that reorder or hide text (bidirectional overrides, zero
/// width marks): removed like control characters, so a name cannot pass
/// `gpj.exe` off as `exe.jpg`.
fn is_invisible(c: char) -> bool {
    matches!(c, '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{FEFF}')
}

/// A client's file name made fit for display and download: the last
/// segment after any `/` or `\`, without control and invisible characters,
/// without leading dots and surrounding spaces, at most
/// [`MAX_NAME_CHARS`] characters (cut before the extension). Letters of
/// any script are kept. Empty when nothing is left.
pub fn display_name(raw: &str) -> String {
    let last = raw.rsplit(['/', '\\']).next().unwrap_or("");
    let cleaned: String = last
        .chars()
        .filter(|c| !c.is_control() && !is_invisible(*c))
        .collect();
    let name = cleaned.trim().trim_start_matches('.').trim();
    if name.chars().count() <= MAX_NAME_CHARS {
        return name.to_owned();
    }
    let ext = extension(name);
    let keep_ext = !ext.is_empty() && ext.chars().count() <= 10;
    let room = if keep_ext {
        MAX_NAME_CHARS - ext.chars().count() - 1
    } else {
        MAX_NAME_CHARS
    };
    let stem: String = name.chars().take(room).collect();
    let stem = stem.trim_end();
    if keep_ext {
        format!("{stem}.{ext}")
    } else {
        stem.to_owned()
    }
}

const HEAD: usize = 16;
const OOXML_MARK: &[u8] = b"[Content_Types].xml";

/// Watches a file's bytes go by and tells what it is at the end, holding
/// only a few bytes whatever its size.
#[derive(Debug, Default)]
pub struct Sniffer {
    head: Vec<u8>,
    /// Bytes of a UTF-8 sequence cut by the chunk boundary.
    carry: Vec<u8>,
    not_text: bool,
    /// The end of the previous chunk, for the OOXML mark across chunks.
    tail: Vec<u8>,
    ooxml_mark: bool,
}

impl Sniffer {
    pub fn push(&mut self, chunk: &[u8]) {
        if self.head.len() < HEAD {
            let take = (HEAD - self.head.len()).min(chunk.len());
            self.head.extend_from_slice(&chunk[..take]);
        }
        self.watch_text(chunk);
        if self.head.starts_with(b"PK\x03\x04") && !self.ooxml_mark {
            let mut window = std::mem::take(&mut self.tail);
            window.extend_from_slice(&chunk[..chunk.len().min(OOXML_MARK.len())]);
            self.ooxml_mark = contains(&window, OOXML_MARK) || contains(chunk, OOXML_MARK);
            let keep = chunk.len().min(OOXML_MARK.len() - 1);
            self.tail = chunk[chunk.len() - keep..].to_vec();
        }
    }

    fn watch_text(&mut self, chunk: &[u8]) {
        if self.not_text {
            return;
        }
        if chunk.contains(&0) {
            self.not_text = true;
            return;
        }
        let mut bytes = std::mem::take(&mut self.carry);
        bytes.extend_from_slice(chunk);
        match std::str::from_utf8(&bytes) {
            Ok(_) => {}
            Err(e) if e.error_len().is_none() => {
                self.carry = bytes[e.valid_up_to()..].to_vec();
            }
            Err(_) => self.not_text = true,
        }
    }

    /// What the bytes seen are; `None` when nothing on the list.
    pub fn kind(&self) -> Option<FileKind> {
        let h = self.head.as_slice();
        let heic_brands: [&[u8]; 8] = [
            b"heic", b"heix", b"heim", b"heis", b"hevc", b"hevx", b"mif1", b"msf1",
        ];
        Some(if h.starts_with(b"%PDF-") {
            FileKind::Pdf
        } else if h.starts_with(b"\xFF\xD8\xFF") {
            FileKind::Jpeg
        } else if h.starts_with(b"\x89PNG\r\n\x1a\n") {
            FileKind::Png
        } else if h.len() >= 12 && &h[4..8] == b"ftyp" && heic_brands.contains(&&h[8..12]) {
            FileKind::Heic
        } else if h.starts_with(b"II*\0") || h.starts_with(b"MM\0*") {
            FileKind::Tiff
        } else if h.starts_with(b"PK\x03\x04") {
            return self.ooxml_mark.then_some(FileKind::Ooxml);
        } else if h.starts_with(b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1") {
            FileKind::Ole
        } else if !self.not_text && self.carry.is_empty() {
            FileKind::Text
        } else {
            return None;
        })
    }
}

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack.windows(needle.len()).any(|w| w == needle)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sniff(pieces: &[&[u8]]) -> Option<FileKind> {
        let mut s = Sniffer::default();
        for p in pieces {
            s.push(p);
        }
        s.kind()
    }

    #[test]
    fn kinds_by_magic() {
        assert_eq!(sniff(&[b"%PDF-1.7\n..."]), Some(FileKind::Pdf));
        assert_eq!(
            sniff(&[b"\xFF\xD8\xFF\xE0\0\x10JFIF"]),
            Some(FileKind::Jpeg)
        );
        assert_eq!(sniff(&[b"\x89PNG\r\n\x1a\n\0\0"]), Some(FileKind::Png));
        assert_eq!(
            sniff(&[b"\0\0\0\x18ftypheic\0\0\0\0"]),
            Some(FileKind::Heic)
        );
        assert_eq!(sniff(&[b"\0\0\0\x18ftypmp42\0\0\0\0"]), None);
        assert_eq!(sniff(&[b"II*\0\x08\0\0\0"]), Some(FileKind::Tiff));
        assert_eq!(
            sniff(&[b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1\0"]),
            Some(FileKind::Ole)
        );
        assert_eq!(sniff(&[b"MZ\x90\0\x03\0"]), None);
        assert_eq!(
            sniff(&["Grüße, ".as_bytes(), "Schaden".as_bytes()]),
            Some(FileKind::Text)
        );
    }

    #[test]
    fn zip_is_office_only_with_content_types_even_across_chunks() {
        assert_eq!(sniff(&[b"PK\x03\x04\x14\0rest of a zip"]), None);
        assert_eq!(
            sniff(&[b"PK\x03\x04\x14\0..[Content_", b"Types].xml..."]),
            Some(FileKind::Ooxml)
        );
    }

    #[test]
    fn text_must_be_utf8_without_nul_even_when_cut_mid_character() {
        let text = "Schadenhöhe".as_bytes();
        let cut = text.iter().position(|b| *b > 0x7f).unwrap() + 1;
        assert_eq!(sniff(&[&text[..cut], &text[cut..]]), Some(FileKind::Text));
        assert_eq!(sniff(&[&text[..cut]]), None);
        assert_eq!(sniff(&[b"abc\0def"]), None);
        assert_eq!(sniff(&[b"abc\xFF"]), None);
    }

    #[test]
    fn names_are_cleaned_for_display() {
        assert_eq!(display_name("../../etc/passwd"), "passwd");
        assert_eq!(display_name("C:\\Users\\jan\\Rechnung.pdf"), "Rechnung.pdf");
        assert_eq!(display_name(".."), "");
        assert_eq!(display_name("a\u{0}b\r\nc.pdf"), "abc.pdf");
        assert_eq!(display_name("photo\u{202E}gpj.exe"), "photogpj.exe");
        assert_eq!(
            display_name("Schadensfoto Müller ñ 東京.jpg"),
            "Schadensfoto Müller ñ 東京.jpg"
        );
        let long = format!("{}.pdf", "ä".repeat(300));
        let short = display_name(&long);
        assert_eq!(short.chars().count(), MAX_NAME_CHARS);
        assert!(short.ends_with(".pdf"));
        assert_eq!(extension("Scan.PDF"), "pdf");
        assert_eq!(extension(".pdf"), "");
        assert_eq!(extension("README"), "");
    }
}

//! A `multipart/form-data` reader over a streamed body, for uploads that
//! must not sit in memory: a part's bytes are handed out piece by piece
//! as they arrive, holding at most one network frame and a delimiter's
//! length more. (The in-memory [`crate::multipart`] serves the small
//! settings forms.)

use axum::body::{Body, BodyDataStream};
use axum::http::HeaderMap;
use futures_util::StreamExt;
use memchr::memmem;

/// Longest header block of one part; real browsers send a few hundred
/// bytes.
const MAX_HEAD: usize = 8 * 1024;

/// Why a body could not be read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MultipartError {
    /// The body is no well-formed multipart form.
    Malformed,
    /// The body ended early: the client went away mid-upload.
    Interrupted,
}

/// A part's name and, for a file, the file name the client gave.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PartHead {
    pub name: String,
    pub file_name: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum State {
    /// Right after a delimiter.
    Boundary,
    InPart,
    Done,
}

pub struct MultipartReader {
    stream: BodyDataStream,
    /// `\r\n--boundary`.
    delimiter: Vec<u8>,
    buf: Vec<u8>,
    pos: usize,
    started: bool,
    ended: bool,
    state: State,
}

impl std::fmt::Debug for MultipartReader {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("MultipartReader")
            .field("state", &self.state)
            .finish()
    }
}

/// The boundary of a `multipart/form-data` content type.
pub fn boundary(headers: &HeaderMap) -> Option<String> {
    let content_type = headers
        .get(axum::http::header::CONTENT_TYPE)?
        .to_str()
        .ok()?;
    let (kind, params) = content_type.split_once(';')?;
    if !kind.trim().eq_ignore_ascii_case("multipart/form-data") {
        return None;
    }
    params
        .split(';')
        .find_map(|p| {
            let (k, v) = p.split_once('=')?;
            k.trim()
                .eq_ignore_ascii_case("boundary")
                .then(|| v.trim().trim_matches('"').to_owned())
        })
        .filter(|b| !b.is_empty() && b.len() <= 200)
}

impl MultipartReader {
    /// `None` when the request is no multipart form.
    pub fn new(headers: &HeaderMap, body: Body) -> Option<MultipartReader> {
        let boundary = boundary(headers)?;
        Some(MultipartReader {
            stream: body.into_data_stream(),
            delimiter: format!("\r\n--{boundary}").into_bytes(),
            // The first delimiter has no line break before it; one is
            // supplied so that every delimiter looks the same.
            buf: b"\r\n".to_vec(),
            pos: 0,
            started: false,
            ended: false,
            state: State::Boundary,
        })
    }

    fn pending(&self) -> &[u8] {
        &self.buf[self.pos..]
    }

    /// Reads another frame of the body; false at its end.
    async fn fill(&mut self) -> Result<bool, MultipartError> {
        if self.ended {
            return Ok(false);
        }
        if self.pos > 0 {
            self.buf.drain(..self.pos);
            self.pos = 0;
        }
        match self.stream.next().await {
            Some(Ok(bytes)) => {
                self.buf.extend_from_slice(&bytes);
                Ok(true)
            }
            Some(Err(_)) => Err(MultipartError::Interrupted),
            None => {
                self.ended = true;
                Ok(false)
            }
        }
    }

    async fn need(&mut self, n: usize) -> Result<(), MultipartError> {
        while self.pending().len() < n {
            if !self.fill().await? {
                return Err(MultipartError::Interrupted);
            }
        }
        Ok(())
    }

    /// The next part's head; `None` after the last part. A body that ends
    /// before its closing delimiter was cut off (`Interrupted`). Unread bytes of
    /// the current part are skipped.
    pub async fn next_part(&mut self) -> Result<Option<PartHead>, MultipartError> {
        while self.state == State::InPart {
            self.chunk().await?;
        }
        if self.state == State::Done {
            return Ok(None);
        }
        if !self.started {
            // Anything before the first delimiter is a preamble.
            self.started = true;
            self.skip_to_delimiter().await?;
        }
        self.need(2).await?;
        if self.pending().starts_with(b"--") {
            self.state = State::Done;
            return Ok(None);
        }
        if !self.pending().starts_with(b"\r\n") {
            return Err(MultipartError::Malformed);
        }
        self.pos += 2;
        let head_end = loop {
            if let Some(i) = memmem::find(self.pending(), b"\r\n\r\n") {
                break i;
            }
            if self.pending().len() > MAX_HEAD {
                return Err(MultipartError::Malformed);
            }
            if !self.fill().await? {
                return Err(MultipartError::Interrupted);
            }
        };
        let head = std::str::from_utf8(&self.pending()[..head_end])
            .map_err(|_| MultipartError::Malformed)?
            .to_owned();
        self.pos += head_end + 4;
        self.state = State::InPart;
        parse_head(&head).map(Some).ok_or(MultipartError::Malformed)
    }

    async fn skip_to_delimiter(&mut self) -> Result<(), MultipartError> {
        loop {
            if let Some(i) = memmem::find(self.pending(), &self.delimiter) {
                self.pos += i + self.delimiter.len();
                return Ok(());
            }
            let keep = self.delimiter.len() - 1;
            self.pos = self.buf.len().saturating_sub(keep).max(self.pos);
            if !self.fill().await? {
                return Err(MultipartError::Malformed);
            }
        }
    }

    /// The next piece of the current part's bytes; `None` at its end.
    pub async fn chunk(&mut self) -> Result<Option<Vec<u8>>, MultipartError> {
        if self.state != State::InPart {
            return Ok(None);
        }
        loop {
            let pending = self.pending();
            if let Some(i) = memmem::find(pending, &self.delimiter) {
                if i > 0 {
                    let out = pending[..i].to_vec();
                    self.pos += i;
                    return Ok(Some(out));
                }
                self.pos += self.delimiter.len();
                self.state = State::Boundary;
                return Ok(None);
            }
            // Everything but a possible start of the delimiter is data.
            let safe = pending.len().saturating_sub(self.delimiter.len() - 1);
            if safe > 0 {
                let out = pending[..safe].to_vec();
                self.pos += safe;
                return Ok(Some(out));
            }
            if !self.fill().await? {
                return Err(MultipartError::Interrupted);
            }
        }
    }

    /// The current part's bytes as text, at most `max` bytes (more is
    /// malformed: form fields are short).
    pub async fn text(&mut self, max: usize) -> Result<String, MultipartError> {
        let mut out = Vec::new();
        while let Some(piece) = self.chunk().await? {
            if out.len() + piece.len() > max {
                return Err(MultipartError::Malformed);
            }
            out.extend_from_slice(&piece);
        }
        String::from_utf8(out).map_err(|_| MultipartError::Malformed)
    }

    /// Reads the rest of the body without keeping it, so that a browser
    /// still sending gets the answer rather than a reset connection.
    pub async fn drain(&mut self) {
        self.buf.clear();
        self.pos = 0;
        while let Some(Ok(_)) = self.stream.next().await {}
        self.state = State::Done;
    }
}

fn parse_head(head: &str) -> Option<PartHead> {
    let disposition = head.split("\r\n").find_map(|line| {
        let (name, value) = line.split_once(':')?;
        name.trim()
            .eq_ignore_ascii_case("content-disposition")
            .then_some(value)
    })?;
    let param = |wanted: &str| {
        disposition.split(';').find_map(|p| {
            let (k, v) = p.split_once('=')?;
            (k.trim() == wanted).then(|| {
                let v = v.trim();
                v.strip_prefix('"')
                    .and_then(|v| v.strip_suffix('"'))
                    .unwrap_or(v)
                    .to_owned()
            })
        })
    };
    Some(PartHead {
        name: param("name")?,
        file_name: param("filename"),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headers() -> HeaderMap {
        let mut h = HeaderMap::new();
        h.insert(
            axum::http::header::CONTENT_TYPE,
            "multipart/form-data; boundary=XyZ".parse().unwrap(),
        );
        h
    }

    fn body_in_pieces(bytes: &'static [u8], size: usize) -> Body {
        let pieces: Vec<Result<axum::body::Bytes, std::io::Error>> = bytes
            .chunks(size)
            .map(|c| Ok(axum::body::Bytes::copy_from_slice(c)))
            .collect();
        Body::from_stream(futures_util::stream::iter(pieces))
    }

    const FORM: &[u8] = b"--XyZ\r\nContent-Disposition: form-data; name=\"_csrf\"\r\n\r\ntok\r\n\
--XyZ\r\nContent-Disposition: form-data; name=\"files\"; filename=\"a b.pdf\"\r\n\
Content-Type: application/pdf\r\n\r\n%PDF-1.7\r\n--X\r\n--XyZ--\r\n";

    #[tokio::test]
    async fn parts_arrive_whole_whatever_the_frame_size() {
        for size in [1, 2, 3, 7, 64, 4096] {
            let mut r = MultipartReader::new(&headers(), body_in_pieces(FORM, size)).unwrap();
            let head = r.next_part().await.unwrap().unwrap();
            assert_eq!(head.name, "_csrf");
            assert_eq!(r.text(100).await.unwrap(), "tok");
            let head = r.next_part().await.unwrap().unwrap();
            assert_eq!(head.file_name.as_deref(), Some("a b.pdf"));
            let mut data = Vec::new();
            while let Some(piece) = r.chunk().await.unwrap() {
                data.extend_from_slice(&piece);
            }
            assert_eq!(data, b"%PDF-1.7\r\n--X", "frame size {size}");
            assert_eq!(r.next_part().await.unwrap(), None);
        }
    }

    #[tokio::test]
    async fn a_cut_body_is_interrupted() {
        let cut = &FORM[..FORM.len() - 20];
        let mut r = MultipartReader::new(&headers(), Body::from(cut.to_vec())).unwrap();
        r.next_part().await.unwrap();
        r.text(100).await.unwrap();
        r.next_part().await.unwrap();
        let mut result = Ok(Some(Vec::new()));
        while let Ok(Some(_)) = result {
            result = r.chunk().await;
        }
        assert_eq!(result, Err(MultipartError::Interrupted));
    }
}

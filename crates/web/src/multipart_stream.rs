//! A `multipart/form-data` reader over a streamed body, for uploads that
//! must not sit in memory: a part's bytes are handed out piece by piece
//! as they arrive, holding at most one network frame and a delimiter's
//! length more. The pieces are slices of the network frames, not copies
//! (issue 10: a 100 MiB upload was copied twice here); only a frame that
//! follows a possible start of a delimiter is joined to it. (The
//! in-memory [`crate::multipart`] serves the small settings forms.)

use axum::body::{Body, BodyDataStream, Bytes};
use axum::http::HeaderMap;
use bytes::{Buf, BytesMut};
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
    /// Received and not yet handed out.
    buf: Bytes,
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
            buf: Bytes::from_static(b"\r\n"),
            started: false,
            ended: false,
            state: State::Boundary,
        })
    }

    fn pending(&self) -> &[u8] {
        &self.buf
    }

    /// Reads another frame of the body; false at its end.
    async fn fill(&mut self) -> Result<bool, MultipartError> {
        if self.ended {
            return Ok(false);
        }
        match self.stream.next().await {
            Some(Ok(bytes)) => {
                if self.buf.is_empty() {
                    self.buf = bytes;
                } else {
                    let mut joined = BytesMut::with_capacity(self.buf.len() + bytes.len());
                    joined.extend_from_slice(&self.buf);
                    joined.extend_from_slice(&bytes);
                    self.buf = joined.freeze();
                }
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

    /// How much of the pending bytes (which hold no whole delimiter) is
    /// certainly data: all but a tail that could begin a delimiter, the
    /// rest of which may come with the next frame. Mostly that tail is
    /// empty, so the next frame is taken as it is, without joining.
    fn safe_len(&self) -> usize {
        let pending = self.pending();
        let from = pending.len().saturating_sub(self.delimiter.len() - 1);
        (from..pending.len())
            .find(|&i| self.delimiter.starts_with(&pending[i..]))
            .unwrap_or(pending.len())
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
        self.buf.advance(2);
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
        self.buf.advance(head_end + 4);
        self.state = State::InPart;
        parse_head(&head).map(Some).ok_or(MultipartError::Malformed)
    }

    async fn skip_to_delimiter(&mut self) -> Result<(), MultipartError> {
        loop {
            if let Some(i) = memmem::find(self.pending(), &self.delimiter) {
                self.buf.advance(i + self.delimiter.len());
                return Ok(());
            }
            let keep = self.delimiter.len() - 1;
            self.buf.advance(self.buf.len().saturating_sub(keep));
            if !self.fill().await? {
                return Err(MultipartError::Malformed);
            }
        }
    }

    /// The next piece of the current part's bytes; `None` at its end.
    pub async fn chunk(&mut self) -> Result<Option<Bytes>, MultipartError> {
        if self.state != State::InPart {
            return Ok(None);
        }
        loop {
            if let Some(i) = memmem::find(self.pending(), &self.delimiter) {
                if i > 0 {
                    return Ok(Some(self.buf.split_to(i)));
                }
                self.buf.advance(self.delimiter.len());
                self.state = State::Boundary;
                return Ok(None);
            }
            // Everything before a possible start of the delimiter is data.
            let safe = self.safe_len();
            if safe > 0 {
                return Ok(Some(self.buf.split_to(safe)));
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
        let mut result = Ok(Some(Bytes::new()));
        while let Ok(Some(_)) = result {
            result = r.chunk().await;
        }
        assert_eq!(result, Err(MultipartError::Interrupted));
    }

    #[tokio::test]
    async fn pieces_are_the_frames_own_bytes() {
        let head = b"--XyZ\r\nContent-Disposition: form-data; name=\"f\"; filename=\"a\"\r\n\r\n";
        let mut first = head.to_vec();
        first.extend_from_slice(&[b'a'; 1000]);
        let mut second = vec![b'b'; 1000];
        second.extend_from_slice(b"\r\n--XyZ--\r\n");
        let second = Bytes::from(second);
        let frames: Vec<Result<Bytes, std::io::Error>> =
            vec![Ok(Bytes::from(first)), Ok(second.clone())];
        let body = Body::from_stream(futures_util::stream::iter(frames));
        let mut r = MultipartReader::new(&headers(), body).unwrap();
        r.next_part().await.unwrap();
        let a = r.chunk().await.unwrap().unwrap();
        assert_eq!(a.as_ref(), &[b'a'; 1000][..]);
        let b = r.chunk().await.unwrap().unwrap();
        assert_eq!(b.as_ref(), &[b'b'; 1000][..]);
        // Not copied: the piece points into the second frame.
        assert_eq!(b.as_ptr(), second.as_ptr());
        assert_eq!(r.chunk().await.unwrap(), None);
        assert_eq!(r.next_part().await.unwrap(), None);
    }
}

//! A throw-away SMTP server (mailin-embedded) on a free loopback port that
//! records what it receives. Recipients `unknown@…` get 550 (permanent) and
//! `full@…` get 452 (transient); [`Mode::Reject`] refuses everyone.

use std::net::{IpAddr, TcpListener};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use mailin_embedded::{Handler, Response, Server, SslConfig, response};

#[derive(Debug, Clone)]
pub struct Received {
    pub from: String,
    pub to: Vec<String>,
    pub data: Vec<u8>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    Accept,
    /// 550 for every recipient: a permanent failure.
    Reject,
}

/// mailin clones the handler per connection, so the per-message buffer
/// lives in the clone and only finished messages go to the shared inbox.
#[derive(Clone)]
struct Recorder {
    mode: Mode,
    inbox: Arc<Mutex<Vec<Received>>>,
    current: Option<Received>,
}

impl Handler for Recorder {
    fn helo(&mut self, _ip: IpAddr, _domain: &str) -> Response {
        response::OK
    }

    fn rcpt(&mut self, to: &str) -> Response {
        if self.mode == Mode::Reject || to.starts_with("unknown@") {
            response::NO_MAILBOX
        } else if to.starts_with("full@") {
            response::OUT_OF_SPACE
        } else {
            response::OK
        }
    }

    fn data_start(&mut self, _domain: &str, from: &str, _is8bit: bool, to: &[String]) -> Response {
        self.current = Some(Received {
            from: from.to_owned(),
            to: to.to_vec(),
            data: Vec::new(),
        });
        response::OK
    }

    fn data(&mut self, buf: &[u8]) -> std::io::Result<()> {
        if let Some(current) = &mut self.current {
            current.data.extend_from_slice(buf);
        }
        Ok(())
    }

    fn data_end(&mut self) -> Response {
        if let Some(done) = self.current.take() {
            self.inbox.lock().unwrap().push(done);
        }
        response::OK
    }
}

pub struct TestSmtp {
    pub port: u16,
    inbox: Arc<Mutex<Vec<Received>>>,
}

impl TestSmtp {
    /// Starts a server on a free loopback port. Its thread runs until the
    /// test process exits; mailin has no shutdown call.
    pub fn start(mode: Mode) -> TestSmtp {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let port = listener.local_addr().unwrap().port();
        let inbox = Arc::new(Mutex::new(Vec::new()));
        let mut server = Server::new(Recorder {
            mode,
            inbox: Arc::clone(&inbox),
            current: None,
        });
        server
            .with_name("mail.test")
            .with_ssl(SslConfig::None)
            .unwrap()
            .with_num_threads(2)
            .with_tcp_listener(listener);
        std::thread::spawn(move || {
            // The error type is not Send, so report it here.
            if let Err(e) = server.serve() {
                eprintln!("test SMTP server stopped: {e}");
            }
        });
        TestSmtp { port, inbox }
    }

    /// Waits briefly for `count` messages: the server may still be storing
    /// the last one when the client already has its reply.
    pub fn received(&self, count: usize) -> Vec<Received> {
        let deadline = Instant::now() + Duration::from_secs(5);
        loop {
            let inbox = self.inbox.lock().unwrap().clone();
            if inbox.len() >= count || Instant::now() > deadline {
                return inbox;
            }
            std::thread::sleep(Duration::from_millis(10));
        }
    }
}

/// A loopback port nobody listens on (bound and released at once).
pub fn closed_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

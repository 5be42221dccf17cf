//! Password hashing with argon2id (the crate's defaults follow the OWASP
//! recommendation). Hashing is CPU-heavy, so async callers use the
//! `*_blocking` variants that move it to the blocking pool, and logins go
//! through the bounded [`Checker`].

use argon2::Argon2;
use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use rand::Rng;

use crate::AppError;

mod policy;

pub use policy::{
    DEFAULT_MIN_LENGTH, MIN_LENGTH_FLOOR, check_policy, min_length, min_length_for_editing,
    save_min_length,
};

pub fn hash(password: &str) -> Result<String, AppError> {
    let mut salt = [0u8; 16];
    rand::rng().fill(&mut salt);
    let salt = SaltString::encode_b64(&salt).map_err(|e| AppError::Internal(e.to_string()))?;
    Argon2::default()
        .hash_password(password.as_bytes(), &salt)
        .map(|h| h.to_string())
        .map_err(|e| AppError::Internal(e.to_string()))
}

pub fn verify(password: &str, hash: &str) -> bool {
    PasswordHash::new(hash)
        .map(|parsed| {
            Argon2::default()
                .verify_password(password.as_bytes(), &parsed)
                .is_ok()
        })
        .unwrap_or(false)
}

pub async fn hash_blocking(password: String) -> Result<String, AppError> {
    tokio::task::spawn_blocking(move || hash(&password))
        .await
        .map_err(|e| AppError::Internal(e.to_string()))?
}

pub async fn verify_blocking(password: String, hash: String) -> bool {
    tokio::task::spawn_blocking(move || verify(&password, &hash))
        .await
        .unwrap_or(false)
}

/// A random password of 20 characters without look-alikes (0/O, 1/l/I).
pub fn generate() -> String {
    const ALPHABET: &[u8] = b"abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
    let mut rng = rand::rng();
    (0..20)
        .map(|_| ALPHABET[rng.random_range(0..ALPHABET.len())] as char)
        .collect()
}

/// Seconds a client is asked to wait when every password check is busy.
pub const BUSY_RETRY_AFTER_SECS: u64 = 2;

/// Checks passwords for logins: at most `workers` argon2 runs at once (each
/// takes a core and 19 MiB), at most `queue` waiting for one; beyond that
/// the login is turned away at once instead of piling up. Also holds the
/// decoy hash, checked when the e-mail is unknown so that response time
/// does not reveal which e-mails exist; it is made at start-up so that the
/// first login is not slower than the others.
pub struct Checker {
    permits: tokio::sync::Semaphore,
    waiting: std::sync::atomic::AtomicUsize,
    queue: usize,
    decoy: String,
    started: std::sync::atomic::AtomicU64,
}

/// Leaves the queue however the wait ends, also when the request is
/// dropped while waiting.
struct Waiting<'a>(&'a std::sync::atomic::AtomicUsize);

impl Drop for Waiting<'_> {
    fn drop(&mut self) {
        self.0.fetch_sub(1, std::sync::atomic::Ordering::SeqCst);
    }
}

impl Checker {
    pub fn new(workers: usize, queue: usize) -> Checker {
        // Hashing fails only for invalid parameters, which are fixed here;
        // should it ever, unknown e-mails answer faster but still fail.
        let decoy = hash(&generate()).unwrap_or_else(|err| {
            tracing::error!(error = %err, "cannot make the decoy password hash");
            String::new()
        });
        Checker {
            permits: tokio::sync::Semaphore::new(workers.max(1)),
            waiting: std::sync::atomic::AtomicUsize::new(0),
            queue,
            decoy,
            started: std::sync::atomic::AtomicU64::new(0),
        }
    }

    /// Verifies `password` against `hash`, or against the decoy when there
    /// is none; [`AppError::Busy`] when the queue is full.
    pub async fn verify(&self, password: String, hash: Option<String>) -> Result<bool, AppError> {
        use std::sync::atomic::Ordering;
        let permit = match self.permits.try_acquire() {
            Ok(permit) => permit,
            Err(_) => {
                if self.waiting.fetch_add(1, Ordering::SeqCst) >= self.queue {
                    self.waiting.fetch_sub(1, Ordering::SeqCst);
                    return Err(AppError::Busy {
                        retry_after_secs: BUSY_RETRY_AFTER_SECS,
                    });
                }
                let _waiting = Waiting(&self.waiting);
                self.permits
                    .acquire()
                    .await
                    .map_err(|e| AppError::Internal(e.to_string()))?
            }
        };
        self.started.fetch_add(1, Ordering::SeqCst);
        let hash = hash.unwrap_or_else(|| self.decoy.clone());
        let ok = verify_blocking(password, hash).await;
        drop(permit);
        Ok(ok)
    }

    /// Password checks started so far (tests prove some paths skip them).
    pub fn checks_started(&self) -> u64 {
        self.started.load(std::sync::atomic::Ordering::SeqCst)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hashes_verify_only_the_right_password() {
        let h = hash("correct horse").unwrap();
        assert!(h.starts_with("$argon2id$"));
        assert!(verify("correct horse", &h));
        assert!(!verify("wrong horse", &h));
        assert!(!verify("x", "not a hash"));
    }

    #[tokio::test]
    async fn a_full_queue_turns_logins_away() {
        let checker = Checker::new(1, 0);
        let h = hash("pw").unwrap();
        let (first, second) = tokio::join!(
            checker.verify("pw".to_owned(), Some(h.clone())),
            checker.verify("pw".to_owned(), Some(h.clone())),
        );
        assert!(first.unwrap());
        assert!(matches!(second, Err(AppError::Busy { .. })));
        assert_eq!(checker.checks_started(), 1);
        // With room to wait, both are checked in turn.
        let checker = Checker::new(1, 1);
        let (first, second) = tokio::join!(
            checker.verify("pw".to_owned(), Some(h.clone())),
            checker.verify("nope".to_owned(), Some(h)),
        );
        assert!(first.unwrap());
        assert!(!second.unwrap());
        assert!(!checker.verify("x".to_owned(), None).await.unwrap());
    }

    #[test]
    fn generated_passwords_are_long_and_distinct() {
        let a = generate();
        assert_eq!(a.len(), 20);
        assert_ne!(a, generate());
    }
}

//! An `App` on a fresh SQLite database with a clock the test moves.

use std::sync::{Arc, Mutex};

use chrono::{DateTime, Duration, SubsecRound, Utc};
use kp_app::{App, Clock, Policy};
use kp_documents::BlobStore;
use kp_mail::{Mailer, SmtpSettings};
use kp_storage::{Db, migrate};

/// Stands still until told to move.
pub struct FakeClock(Mutex<DateTime<Utc>>);

impl FakeClock {
    pub fn advance(&self, by: Duration) {
        *self.0.lock().unwrap() += by;
    }
}

impl Clock for FakeClock {
    fn now(&self) -> DateTime<Utc> {
        *self.0.lock().unwrap()
    }
}

pub struct TestApp {
    pub app: App,
    /// The database under the app, for setting up and inspecting rows.
    pub db: Db,
    pub clock: Arc<FakeClock>,
    _dir: tempfile::TempDir,
}

pub async fn spawn_app() -> TestApp {
    let dir = tempfile::tempdir().unwrap();
    let db = Db::open_sqlite_file(&dir.path().join("kp.db"))
        .await
        .unwrap();
    migrate::run(&db).await.unwrap();
    let clock = Arc::new(FakeClock(Mutex::new(Utc::now().trunc_subsecs(3))));
    let app = App::new(
        db.clone(),
        BlobStore::local(dir.path().join("documents")),
        clock.clone(),
        Policy {
            admins_need_two_factor: false,
            ..Policy::default()
        },
    );
    TestApp {
        app,
        db,
        clock,
        _dir: dir,
    }
}

pub fn mailer(port: u16) -> Mailer {
    Mailer::new(&SmtpSettings {
        host: "127.0.0.1".to_owned(),
        port,
        from: "Maklerbüro Beispiel <portal@makler.test>".to_owned(),
        timeout_secs: 5,
        ..SmtpSettings::default()
    })
    .unwrap()
}

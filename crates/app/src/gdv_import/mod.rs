//! GDV import (issue 11, E1): a GDV VU-Vermittler file into one tenant's
//! customers, contracts, objects, claims and finance items. Used by the
//! command line (`kundenportal import gdv`) and meant for the sync API's
//! `POST /api/v1/imports/gdv`: [`import`] takes any `AsyncRead`, so a
//! streamed request body works as well as a file.
//!
//! The input is first spooled to an anonymous temporary file (hashing it on
//! the way), then read twice: once to check it — a file that is not GDV,
//! truncated (a package without Nachsatz), in an unexpected encoding or
//! broken in its structure is rejected and nothing is written — and once to
//! write it, a contract with all its records at a time, in transactions of
//! up to [`BATCH`] contracts, committed at least at every package end.
//! Mapping and matching rules: docs/gdv-import.md.

mod apply;
mod group;
mod holder;
mod map;
mod parts;
pub mod report;

use std::io::{Seek, SeekFrom};

use kp_domain::{StaffUserId, TenantId};
use kp_storage::gdv_import::imports::{self, NewImport};
use tokio::io::{AsyncRead, AsyncReadExt, AsyncWriteExt};

pub use group::Progress;
pub use report::{ImportReport, KeptRaw, Message, Status, Tally, Written};

use crate::{App, AppError};

/// Contracts written per transaction.
pub const BATCH: usize = 200;

/// Who started an import.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Actor {
    /// `kundenportal import gdv`, run by this operating-system user.
    CommandLine {
        user: String,
    },
    /// The sync API, with this token.
    ApiToken {
        id: i64,
        name: String,
    },
    Staff {
        id: StaffUserId,
        name: String,
    },
}

impl Actor {
    fn kind(&self) -> &'static str {
        match self {
            Actor::CommandLine { .. } => "command_line",
            Actor::ApiToken { .. } => "api_token",
            Actor::Staff { .. } => "staff",
        }
    }

    fn name(&self) -> &str {
        match self {
            Actor::CommandLine { user } => user,
            Actor::ApiToken { name, .. } | Actor::Staff { name, .. } => name,
        }
    }
}

/// The tenant with this key, for the command line.
pub async fn tenant_by_key(app: &App, key: &str) -> Result<TenantId, AppError> {
    kp_storage::tenants::by_key(&app.db, key)
        .await?
        .map(|t| TenantId(t.id))
        .ok_or_else(|| AppError::Invalid(format!("there is no tenant with key {key:?}")))
}

/// Imports one GDV file into `tenant` and records the import.
pub async fn import<R: AsyncRead + Unpin>(
    app: &App,
    tenant: TenantId,
    input: R,
    file_name: &str,
    actor: &Actor,
) -> Result<ImportReport, AppError> {
    import_with_progress(app, tenant, input, file_name, actor, |_| {}).await
}

/// [`import`], calling `progress` now and then while writing.
pub async fn import_with_progress<R: AsyncRead + Unpin>(
    app: &App,
    tenant: TenantId,
    mut input: R,
    file_name: &str,
    actor: &Actor,
    progress: impl Fn(Progress),
) -> Result<ImportReport, AppError> {
    let (file, sha256, size) = spool(&mut input).await?;
    let started_at = app.clock.now();
    let import_id = imports::start(
        &app.db,
        &NewImport {
            tenant,
            format: "gdv",
            file_name,
            sha256: &sha256,
            size_bytes: i64::try_from(size).unwrap_or(i64::MAX),
            actor_kind: actor.kind(),
            actor_name: actor.name(),
            staff_user: match actor {
                Actor::Staff { id, .. } => Some(*id),
                _ => None,
            },
            api_token: match actor {
                Actor::ApiToken { id, .. } => Some(*id),
                _ => None,
            },
            started_at,
        },
    )
    .await?;
    let mut writer = apply::Writer::new(tenant, import_id, file_name.to_owned(), started_at);
    writer.report.import_id = import_id;
    writer.report.file_name = file_name.to_owned();
    writer.report.sha256 = sha256;
    writer.report.size_bytes = size;
    let check_file = reopen(&file)?;
    let checked = tokio::task::spawn_blocking(move || {
        gdv::read_report(std::io::BufReader::new(check_file), gdv::Options::default())
    })
    .await
    .map_err(|e| AppError::Internal(format!("the GDV check stopped: {e}")))?;
    let status = match checked {
        Err(err) => {
            writer.report.error(Message {
                file: file_name.to_owned(),
                line: 0,
                column: None,
                field: None,
                kind: "not_gdv".to_owned(),
                message: err.to_string(),
            });
            Status::Rejected
        }
        Ok(checked) => {
            let structural = check::take(&mut writer.report, &checked, file_name);
            if structural {
                Status::Rejected
            } else {
                write(app, &mut writer, reopen(&file)?, size, &progress).await
            }
        }
    };
    writer.report.status = Some(match status {
        Status::Imported if writer.report.errors_total > 0 => Status::ImportedWithErrors,
        s => s,
    });
    let json = serde_json::to_string(&writer.report)
        .map_err(|e| AppError::Internal(format!("cannot store the report: {e}")))?;
    imports::finish(
        &app.db,
        import_id,
        writer.report.status().as_str(),
        &json,
        app.clock.now(),
    )
    .await?;
    Ok(writer.report)
}

mod check;

/// Copies the input to an anonymous temporary file, hashing it.
async fn spool<R: AsyncRead + Unpin>(
    input: &mut R,
) -> Result<(std::fs::File, String, u64), AppError> {
    let io = |e: std::io::Error| AppError::Internal(format!("cannot spool the file: {e}"));
    let file = tempfile::tempfile().map_err(io)?;
    let mut out = tokio::fs::File::from_std(file.try_clone().map_err(io)?);
    let mut hash = kp_documents::StreamDigest::new();
    let mut size = 0u64;
    let mut buf = vec![0u8; 128 * 1024];
    loop {
        let n = input.read(&mut buf).await.map_err(|e| {
            AppError::Invalid(format!("reading the file failed after {size} bytes: {e}"))
        })?;
        if n == 0 {
            break;
        }
        hash.update(&buf[..n]);
        out.write_all(&buf[..n]).await.map_err(io)?;
        size += n as u64;
    }
    out.flush().await.map_err(io)?;
    Ok((file, hash.finish_hex(), size))
}

fn reopen(file: &std::fs::File) -> Result<std::fs::File, AppError> {
    let io = |e: std::io::Error| AppError::Internal(format!("cannot reread the file: {e}"));
    let mut f = file.try_clone().map_err(io)?;
    f.seek(SeekFrom::Start(0)).map_err(io)?;
    Ok(f)
}

/// The writing pass: groups from the reader thread, written in batches.
async fn write(
    app: &App,
    writer: &mut apply::Writer,
    file: std::fs::File,
    size: u64,
    progress: &impl Fn(Progress),
) -> Status {
    let (send, mut recv) = tokio::sync::mpsc::channel(16);
    let reading = tokio::task::spawn_blocking(move || group::read(file, size, &send));
    let result = async {
        let mut tx = None;
        let mut in_tx = 0usize;
        while let Some(msg) = recv.recv().await {
            match msg {
                group::Msg::Package { vu, sender } => writer.package(vu, sender),
                group::Msg::Group(g) => {
                    let t = match &mut tx {
                        Some(t) => t,
                        None => tx.insert(app.db.begin().await?),
                    };
                    writer.group(t, g).await?;
                    in_tx += 1;
                    if in_tx >= BATCH
                        && let Some(t) = tx.take()
                    {
                        t.commit().await?;
                        in_tx = 0;
                    }
                }
                group::Msg::PackageEnd => {
                    if let Some(t) = tx.take() {
                        t.commit().await?;
                        in_tx = 0;
                    }
                }
                group::Msg::Progress(p) => progress(p),
            }
        }
        if let Some(t) = tx.take() {
            t.commit().await?;
        }
        Ok::<(), AppError>(())
    }
    .await;
    drop(recv);
    let read = reading.await.map_err(|e| e.to_string()).and_then(|r| r);
    let failure = match (result, read) {
        (Err(e), _) => Some(e.to_string()),
        (Ok(()), Err(e)) => Some(e),
        (Ok(()), Ok(())) => None,
    };
    match failure {
        Some(why) => {
            writer.report.error(Message {
                file: writer.report.file_name.clone(),
                line: 0,
                column: None,
                field: None,
                kind: "failed".to_owned(),
                message: format!("the import stopped: {why}; contracts written before stay"),
            });
            Status::Failed
        }
        None => Status::Imported,
    }
}

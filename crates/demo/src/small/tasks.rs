//! Sabine M.'s task inbox (JOURNEYS, B11): a handful of tasks of both
//! tenants in different areas, origins, categories, priorities and due
//! dates — one overdue, one unassigned, one in progress, one done — two of
//! them from uploads carrying the uploaded document. Also turns on the
//! auto-completion of claim report tasks (setting `task_completion`).

use chrono::NaiveDate;
use kp_domain::{
    ClaimId, ContractId, CustomerId, DocumentId, ObjectId, StaffUserId, TaskArea, TaskHistoryKind,
    TaskOrigin, TaskPriority, TaskStatus,
};
use kp_storage::settings::{self, SettingScope};
use kp_storage::task_changes::{self, Change, Entry};
use kp_storage::tasks::{self, NewTask};
use kp_storage::write::documents::{self, DocumentContext, NewDocument};

use super::Seeder;
use crate::DemoError;
use crate::calendar::{at, date};
use crate::pdfs::{self, letter};

/// A customer's upload as the portal stores it: a PDF with the file name
/// the customer chose.
async fn upload(
    s: &mut Seeder<'_>,
    context: DocumentContext,
    title: &str,
    file_name: &str,
    day: NaiveDate,
) -> Result<DocumentId, DemoError> {
    let spec = letter(title, "Eingereicht über das Kundenportal", "de-DE")
        .paragraph("Sehr geehrte Damen und Herren,\nanbei die angeforderten Unterlagen.");
    let stored = pdfs::store(s.blobs, &spec).await?;
    let new = NewDocument {
        context,
        external_id: None,
        document_type: "other".to_owned(),
        title: title.to_owned(),
        file_name: file_name.to_owned(),
        media_type: "application/pdf".to_owned(),
        size_bytes: stored.size_bytes,
        sha256: stored.sha256,
        storage_key: stored.storage_key,
        source: "portal".to_owned(),
        uploaded_by_portal_user_id: None,
        uploaded_by_staff_id: None,
        created_at: at(day, 9, 12),
    };
    Ok(documents::insert(&mut s.tx, &kp_domain::Scope::everything(), &new).await?)
}

struct Plan {
    tenant: usize,
    customer: CustomerId,
    contract: Option<ContractId>,
    object: Option<ObjectId>,
    claim: Option<ClaimId>,
    area: TaskArea,
    origin: TaskOrigin,
    categories: (&'static str, &'static str),
    priority: TaskPriority,
    title: String,
    description: &'static str,
    assignee: Option<StaffUserId>,
    due_on: Option<NaiveDate>,
    documents: Vec<DocumentId>,
    created: NaiveDate,
    /// A later status the clerk set.
    status: Option<TaskStatus>,
}

async fn add(s: &mut Seeder<'_>, p: Plan) -> Result<(), DemoError> {
    let created = at(p.created, 8, 30);
    let id = tasks::insert(
        &mut s.tx,
        &NewTask {
            tenant_id: s.base.tenants[p.tenant.min(1)],
            origin_event_id: None,
            customer_id: Some(p.customer),
            contract_id: p.contract,
            object_id: p.object,
            claim_id: p.claim,
            claim_report_id: None,
            area: p.area,
            origin: p.origin,
            category1: p.categories.0.to_owned(),
            category2: p.categories.1.to_owned(),
            priority: p.priority,
            title: p.title,
            description: p.description.to_owned(),
            assignee: p.assignee,
            email_template: None,
            due_on: p.due_on,
            documents: p.documents,
            at: created,
        },
    )
    .await?;
    if let Some(status) = p.status {
        let when = at(p.created, 14, 0);
        let by = s.base.staff.sabine;
        task_changes::update(&mut s.tx, id, created, Change::Status(status, by), when).await?;
        task_changes::append(
            &mut s.tx,
            &Entry {
                task: id,
                kind: TaskHistoryKind::StatusChanged,
                staff: Some(by),
                assignee: None,
                text: "",
                due_on: None,
                status: Some(status),
                at: when,
            },
        )
        .await?;
    }
    Ok(())
}

pub(super) async fn seed(s: &mut Seeder<'_>) -> Result<(), DemoError> {
    let sabine = Some(s.base.staff.sabine);
    if let Some(k) = s.journey.martina_legal.clone() {
        let doc = upload(
            s,
            DocumentContext::Contract(k.id),
            "Rechnung Rechtsanwalt",
            "Rechnung_Rechtsanwalt_Keller.pdf",
            date(2026, 9, 29),
        )
        .await?;
        add(
            s,
            Plan {
                tenant: k.customer.tenant,
                customer: k.customer.id,
                contract: Some(k.id),
                object: None,
                claim: None,
                area: TaskArea::Contracts,
                origin: TaskOrigin::Upload,
                categories: ("Posteingang", "Rechnung"),
                priority: TaskPriority::Normal,
                title: "Rechnung_Rechtsanwalt_Keller.pdf".to_owned(),
                description: "Martina Keller <martina.keller@example.de>",
                assignee: sabine,
                due_on: Some(date(2027, 1, 15)),
                documents: vec![doc],
                created: date(2026, 9, 29),
                status: None,
            },
        )
        .await?;
    }
    if let Some((k, object, claim)) = s.journey.augsburg_claim.clone() {
        let doc = upload(
            s,
            DocumentContext::Claim(claim),
            "Gutachten Maschinenschaden",
            "Gutachten_Maschinenschaden_Augsburg.pdf",
            date(2026, 9, 25),
        )
        .await?;
        add(
            s,
            Plan {
                tenant: k.customer.tenant,
                customer: k.customer.id,
                contract: Some(k.id),
                object: Some(object),
                claim: Some(claim),
                area: TaskArea::Claims,
                origin: TaskOrigin::Upload,
                categories: ("Schaden", "Gutachten"),
                priority: TaskPriority::High,
                title: "Gutachten_Maschinenschaden_Augsburg.pdf".to_owned(),
                description: "Jens Wagner <jens.wagner@brenner-gruppe.example.de>",
                assignee: sabine,
                // Overdue: the assessor's report waits since September.
                due_on: Some(date(2026, 9, 30)),
                documents: vec![doc],
                created: date(2026, 9, 25),
                status: Some(TaskStatus::InProgress),
            },
        )
        .await?;
        add(s, Plan {
            tenant: k.customer.tenant,
            customer: k.customer.id,
            contract: Some(k.id),
            object: Some(object),
            claim: Some(claim),
            area: TaskArea::Claims,
            origin: TaskOrigin::Message,
            categories: ("Schaden", "Rückfrage"),
            priority: TaskPriority::Urgent,
            title: "Rückfrage Stillstandskosten Augsburg".to_owned(),
            description: "Der Kunde fragt, ob die Stillstandskosten der Linie 3 mitversichert sind.",
            assignee: None,
            due_on: Some(date(2026, 12, 1)),
            documents: Vec::new(),
            created: date(2026, 9, 30),
            status: None,
        })
        .await?;
    }
    if let Some(c) = s.journey.france.clone() {
        add(
            s,
            Plan {
                tenant: c.tenant,
                customer: c.id,
                contract: None,
                object: None,
                claim: None,
                area: TaskArea::Finances,
                origin: TaskOrigin::AppointmentRequest,
                categories: ("Termin", ""),
                priority: TaskPriority::Low,
                title: "Terminanfrage Mahnung Brenner France".to_owned(),
                description: "Rückruf zur Mahnung gewünscht, vormittags.",
                assignee: sabine,
                due_on: None,
                documents: Vec::new(),
                created: date(2026, 9, 28),
                status: None,
            },
        )
        .await?;
    }
    if let Some(c) = s.journey.holding.clone() {
        add(
            s,
            Plan {
                tenant: c.tenant,
                customer: c.id,
                contract: None,
                object: None,
                claim: None,
                area: TaskArea::Contracts,
                origin: TaskOrigin::Message,
                categories: ("Vertrag", "Änderung"),
                priority: TaskPriority::Normal,
                title: "Neue Anschrift Holding".to_owned(),
                description: "Die Holding meldet eine neue Geschäftsanschrift.",
                assignee: sabine,
                due_on: Some(date(2026, 9, 20)),
                documents: Vec::new(),
                created: date(2026, 9, 15),
                status: Some(TaskStatus::Done),
            },
        )
        .await?;
    }
    let json = r#"{"triggers":["claim_report_accepted"]}"#;
    settings::put_in(
        &mut s.tx,
        SettingScope::Global,
        "task_completion",
        json,
        at(date(2026, 9, 1), 6, 0),
    )
    .await?;
    Ok(())
}

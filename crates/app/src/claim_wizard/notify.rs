//! Who hears of a new claim report (D9, D15–D19, B12): the task for the
//! contract's claims handler, else its clerk, else unassigned with the
//! info mail to the broker's central address; the customer's
//! confirmation; the organization's extra recipients; and the escalation
//! rules the report's amount and type meet. Mails carry a link (and to
//! the customer side the reference number), never the report's content
//! (A11). Everything is written in the sending transaction.

use chrono::{DateTime, Utc};
use kp_domain::{
    ClaimType, ContractId, CustomerId, DocumentId, Language, ObjectId, OrganizationId, StaffUserId,
    TaskArea, TaskOrigin, TaskPriority, TenantId,
};
use kp_storage::Tx;
use kp_storage::claim_targets::Target;
use kp_storage::staff_admin;
use kp_storage::tasks::{self, NewTask};

use crate::claim_settings;
use crate::mail_templates::{self, MailKind, MailVars};
use crate::task_categories;
use crate::{App, AppError};

pub(super) struct Sending<'a> {
    pub report_id: i64,
    pub reference: &'a str,
    pub event_id: i64,
    pub claim_type: ClaimType,
    pub amount_minor: Option<i64>,
    pub currency: &'a str,
    pub description: &'a str,
    pub target: &'a Target,
    /// The draft's files, now documents: attached to the task(s).
    pub documents: Vec<DocumentId>,
    pub at: DateTime<Utc>,
}

/// The portal user reporting: the drafter, also when an approver sends
/// the report (four-eyes approval).
pub(super) struct Reporter {
    pub name: String,
    pub email: String,
    pub language: Language,
}

/// A staff member a mail goes to.
struct Person {
    id: i64,
    email: String,
    name: String,
    language: Language,
}

fn language(code: Option<&str>) -> Language {
    code.and_then(Language::parse).unwrap_or(Language::De)
}

/// The claims handler, else the clerk of the contract (active staff only).
fn responsible(t: &Target) -> Option<Person> {
    let handler = t.handler_id.map(|id| Person {
        id,
        email: t.handler_email.clone().unwrap_or_default(),
        name: t.handler_name.clone().unwrap_or_default(),
        language: language(t.handler_language.as_deref()),
    });
    handler.or_else(|| {
        t.clerk_id.map(|id| Person {
            id,
            email: t.clerk_email.clone().unwrap_or_default(),
            name: t.clerk_name.clone().unwrap_or_default(),
            language: language(t.clerk_language.as_deref()),
        })
    })
}

pub(super) async fn hand_over(
    app: &App,
    tx: &mut Tx,
    reporter: &Reporter,
    s: &Sending<'_>,
) -> Result<(), AppError> {
    let t = s.target;
    let tenant = TenantId(t.tenant_id);
    let categories =
        task_categories::for_task(app, tenant, TaskArea::Claims, TaskOrigin::ClaimReport).await?;
    let person = responsible(t);
    // Numbers only: the title is read by staff of any language.
    let title = match &t.object_plate {
        Some(plate) if !plate.is_empty() => {
            format!("{} · {} · {plate}", s.reference, t.policy_number)
        }
        _ => format!("{} · {}", s.reference, t.policy_number),
    };
    let task = NewTask {
        tenant_id: tenant,
        origin_event_id: Some(s.event_id),
        customer_id: Some(CustomerId(t.customer_id)),
        contract_id: Some(ContractId(t.contract_id)),
        object_id: t.object_id.map(ObjectId),
        claim_id: None,
        claim_report_id: Some(s.report_id),
        area: TaskArea::Claims,
        origin: TaskOrigin::ClaimReport,
        category1: categories.category1,
        category2: categories.category2,
        priority: TaskPriority::Normal,
        title,
        description: s.description.to_owned(),
        assignee: person.as_ref().map(|p| StaffUserId(p.id)),
        email_template: None,
        due_on: None,
        documents: s.documents.clone(),
        at: s.at,
    };
    tasks::insert(tx, &task).await?;

    let link = app.link(&format!("/claims/reports/{}", s.report_id));
    let staff_vars = |name: &str| MailVars {
        name: name.to_owned(),
        link: Some(link.clone()),
        ..MailVars::default()
    };
    let customer_vars = |name: &str| MailVars {
        name: name.to_owned(),
        link: Some(link.clone()),
        reference: Some(s.reference.to_owned()),
        ..MailVars::default()
    };
    let some = Some(tenant);
    match &person {
        Some(p) => {
            let vars = staff_vars(&p.name);
            mail_templates::queue(
                app,
                tx,
                some,
                MailKind::ClaimReportReceived,
                p.language,
                &p.email,
                &vars,
            )
            .await?;
        }
        None if !t.tenant_email.trim().is_empty() => {
            // Tenants keep no language: the portal's default.
            mail_templates::queue(
                app,
                tx,
                some,
                MailKind::ClaimReportReceived,
                Language::De,
                &t.tenant_email,
                &staff_vars(""),
            )
            .await?;
        }
        None => tracing::warn!(
            tenant = t.tenant_id,
            "claim report without claims handler, clerk or central address: no info mail"
        ),
    }
    mail_templates::queue(
        app,
        tx,
        some,
        MailKind::ClaimReportConfirmation,
        reporter.language,
        &reporter.email,
        &customer_vars(&reporter.name),
    )
    .await?;
    if let Some(org) = t.organization_id {
        for address in claim_settings::extra_recipients(app, OrganizationId(org)).await? {
            mail_templates::queue(
                app,
                tx,
                some,
                MailKind::ClaimReportCopy,
                reporter.language,
                &address,
                &customer_vars(""),
            )
            .await?;
        }
    }

    let rules = claim_settings::escalation_rules(app, tenant).await?;
    let matching: Vec<_> = rules
        .iter()
        .filter(|r| r.applies(s.claim_type, s.amount_minor, s.currency))
        .collect();
    if matching.is_empty() {
        return Ok(());
    }
    let staff = staff_admin::list(&app.db, Some(std::slice::from_ref(&tenant))).await?;
    for rule in matching {
        for address in &rule.emails {
            mail_templates::queue(
                app,
                tx,
                some,
                MailKind::ClaimReportEscalation,
                Language::De,
                address,
                &staff_vars(""),
            )
            .await?;
        }
        let members: Vec<_> = rule
            .staff
            .iter()
            .filter_map(|id| staff.iter().find(|m| m.id == *id && m.active))
            .collect();
        for m in &members {
            let lang = language(Some(m.language.as_str()));
            mail_templates::queue(
                app,
                tx,
                some,
                MailKind::ClaimReportEscalation,
                lang,
                &m.email,
                &staff_vars(&m.name),
            )
            .await?;
        }
        let assignee = members.first().map(|m| StaffUserId(m.id)).or(task.assignee);
        let escalated = NewTask {
            priority: rule.priority,
            assignee,
            ..task.clone()
        };
        tasks::insert(tx, &escalated).await?;
    }
    Ok(())
}

//! The template environment. Templates are compiled into the binary and
//! may be overridden per installation by files of the same name under
//! `<data-dir>/templates/` (themes, broker texts).

use std::path::PathBuf;
use std::sync::Arc;

use kp_domain::Language;
use minijinja::value::Kwargs;
use minijinja::{Environment, Error, ErrorKind, State, Value};

use crate::assets::Assets;
use crate::format;
use crate::i18n;

/// Every compiled-in template, by its name under `templates/`.
macro_rules! embedded {
    ($($name:literal),* $(,)?) => {
        &[$(($name, include_str!(concat!("../templates/", $name)))),*]
    };
}

const EMBEDDED: &[(&str, &str)] = embedded![
    "layout/base.html",
    "partials/webhook_events.html",
    "partials/head.html",
    "partials/nav.html",
    "partials/language_switcher.html",
    "partials/field_error.html",
    "partials/footer.html",
    "pages/login.html",
    "partials/home_dashboard.html",
    "partials/home_icons.html",
    "pages/settings.html",
    "pages/settings_home.html",
    "pages/two_factor_login.html",
    "pages/two_factor_enrol.html",
    "pages/two_factor_codes.html",
    "pages/two_factor_account.html",
    "pages/two_factor_reset.html",
    "pages/settings_two_factor.html",
    "pages/settings_reports.html",
    "pages/settings_api_tokens.html",
    "pages/settings_webhooks.html",
    "pages/settings_webhook.html",
    "pages/settings_imports.html",
    "pages/settings_import.html",
    "pages/home_customer.html",
    "pages/home_staff.html",
    "pages/contracts.html",
    "pages/contract.html",
    "partials/list.html",
    "pages/claims.html",
    "partials/claim_reports.html",
    "partials/claim_wizard_progress.html",
    "pages/claim_wizard_object.html",
    "pages/claim_wizard_step.html",
    "pages/claim_wizard_summary.html",
    "pages/claim_wizard_documents.html",
    "pages/claim_approvals.html",
    "pages/claim_report.html",
    "partials/claim_report_facts.html",
    "partials/claim_checklist.html",
    "pages/staff_claim_reports.html",
    "pages/staff_claim_report.html",
    "pages/settings_claims.html",
    "partials/claim_rule_fields.html",
    "pages/settings_claim_rule.html",
    "pages/staff_tasks.html",
    "pages/staff_task.html",
    "pages/objects.html",
    "pages/finances.html",
    "pages/settings_rates.html",
    "partials/converted.html",
    "pages/customers.html",
    "pages/documents.html",
    "pages/claim.html",
    "pages/object.html",
    "pages/customer.html",
    "partials/documents.html",
    "partials/broker_contacts.html",
    "pages/document.html",
    "pages/legal.html",
    "pages/contact.html",
    "pages/password_forgot.html",
    "pages/new_password.html",
    "pages/link_invalid.html",
    "pages/invitations.html",
    "partials/org_admin_scope_fields.html",
    "pages/org_admin_users.html",
    "pages/org_admin_invite.html",
    "pages/org_admin_user.html",
    "pages/org_admin_scope.html",
    "pages/outbox.html",
    "pages/outbox_mail.html",
    "pages/settings_mails.html",
    "pages/settings_mail_edit.html",
    "pages/settings_theme.html",
    "pages/settings_passwords.html",
    "pages/account.html",
    "partials/account_two_factor.html",
    "partials/passkey_add.html",
    "pages/consent.html",
    "pages/settings_legal.html",
    "pages/search.html",
    "pages/settings_registration.html",
    "pages/register.html",
    "pages/register_notice.html",
    "pages/register_password.html",
    "pages/registrations.html",
    "pages/staff_users.html",
    "pages/staff_user.html",
    "pages/staff_user_scope.html",
    "pages/user_scope_pick.html",
    "pages/view_as.html",
    "partials/view_as_banner.html",
    "partials/account_views.html",
    "pages/staff_staff_users.html",
    "pages/staff_staff_user.html",
    "pages/staff_staff_user_new.html",
    "pages/audit_log.html",
    "pages/registration.html",
    "pages/account_email.html",
    "pages/account_email_confirm.html",
    "pages/error.html",
    "partials/contract_facts.html",
    "partials/table_contracts.html",
    "partials/table_objects.html",
    "partials/table_claims.html",
    "partials/table_documents.html",
    "partials/table_finances.html",
    "partials/user_profile.html",
    "pages/staff_profiles.html",
    "pages/staff_profile.html",
    "pages/staff_profile_preview.html",
    "pages/staff_orgs.html",
    "pages/staff_org.html",
    "pages/upload.html",
    "pages/settings_uploads.html",
    "pages/settings_tasks.html",
];

pub struct Templates {
    env: Environment<'static>,
}

impl Templates {
    pub fn new(override_dir: Option<PathBuf>, assets: Arc<Assets>) -> Templates {
        let mut env = Environment::new();
        env.set_loader(move |name| {
            if let Some(dir) = &override_dir {
                // Only names from the embedded set can be overridden, which
                // also keeps a template name from walking out of the folder.
                if EMBEDDED.iter().any(|(n, _)| *n == name) {
                    let path = dir.join(name);
                    if path.is_file() {
                        return std::fs::read_to_string(&path).map(Some).map_err(|e| {
                            Error::new(
                                ErrorKind::InvalidOperation,
                                format!("{}: {e}", path.display()),
                            )
                        });
                    }
                }
            }
            Ok(EMBEDDED
                .iter()
                .find(|(n, _)| *n == name)
                .map(|(_, src)| (*src).to_owned()))
        });
        env.add_function("t", translate);
        // Asset URLs are generated here, never from input, so they are safe
        // to emit unescaped (keeps `/` readable in the HTML).
        env.add_function("asset", move |name: &str| -> Result<Value, Error> {
            assets
                .url(name)
                .map(|url| Value::from_safe_string(url.to_owned()))
                .ok_or_else(|| {
                    Error::new(ErrorKind::InvalidOperation, format!("unknown asset {name}"))
                })
        });
        env.add_function("shows", crate::permissions::shows);
        env.add_function("allows", crate::permissions::allows);
        env.add_function("field_shown", crate::permissions::field_shown);
        env.add_function("label", |state: &State, prefix: &str, code: &str| {
            i18n::label(page_language(state), prefix, code)
        });
        env.add_filter("number", format_number);
        env.add_filter("money", format_money);
        env.add_filter("date", format_date);
        Templates { env }
    }

    pub fn render(&self, name: &str, context: Value) -> Result<String, Error> {
        self.env.get_template(name)?.render(context)
    }

    /// Names of all built-in templates, so a test can compile every one.
    pub fn names() -> impl Iterator<Item = &'static str> {
        EMBEDDED.iter().map(|(n, _)| *n)
    }
}

fn page_language(state: &State) -> Language {
    state
        .lookup("lang")
        .and_then(|v| v.as_str().and_then(Language::parse))
        .unwrap_or_default()
}

/// `t("key", name=value, …)`: the message in the page's language.
fn translate(state: &State, key: &str, kwargs: Kwargs) -> Result<String, Error> {
    let language = page_language(state);
    let mut args = Vec::new();
    for name in kwargs.args() {
        let value: Value = kwargs.get(name)?;
        let fluent = match value.as_i64() {
            Some(n) => fluent_templates::fluent_bundle::FluentValue::from(n),
            None => fluent_templates::fluent_bundle::FluentValue::from(value.to_string()),
        };
        args.push((name, fluent));
    }
    kwargs.assert_all_used()?;
    Ok(if args.is_empty() {
        i18n::text(language, key)
    } else {
        i18n::text_with(language, key, &args)
    })
}

fn format_money(state: &State, minor: i64, currency: &str) -> String {
    format::money(page_language(state), minor, currency)
}

fn format_date(state: &State, iso: &str) -> String {
    format::date(page_language(state), iso)
}

fn format_number(state: &State, value: i64) -> String {
    format::number(page_language(state), value)
}

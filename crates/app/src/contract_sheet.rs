//! The contract master sheet (Vertragsstammblatt, FEATURES B10) as a PDF:
//! the contract's data, its objects, its current premium and the people at
//! the broker, in the user's language. The words come from the caller
//! ([`Words`]), so this crate needs no translations of its own; fields the
//! permission profile hides are never put into the document.

use chrono::NaiveDate;
use kp_documents::{PdfSpec, Section, Table, TableColumn};
use kp_domain::fields;
use kp_domain::{ContractId, Function, MenuArea, Principal, TenantId};

use crate::contacts::{self, Contact};
use crate::contracts::{self, ContractDetail, ObjectRow, PremiumChange};
use crate::{App, AppError, report_logos, report_settings};

/// Translations and formats in the user's language, supplied by the caller.
/// Keys are the message keys of the portal's translations.
pub trait Words: Sync {
    fn text(&self, key: &str) -> String;
    fn text_with(&self, key: &str, args: &[(&str, &str)]) -> String;
    fn money(&self, minor: i64, currency: &str) -> String;
    fn date(&self, date: NaiveDate) -> String;
    /// The label of a code of an open vocabulary (`label("claim-type",
    /// "water")`): its message, else the code itself.
    fn label(&self, prefix: &str, code: &str) -> String {
        self.text(&format!("{prefix}-{code}"))
    }
    /// BCP 47 tag of the language, for the PDF's metadata.
    fn lang_tag(&self) -> String;
}

/// A rendered sheet and the file name it is offered under.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ContractSheet {
    pub policy_number: String,
    pub bytes: Vec<u8>,
}

/// The master sheet of a contract. `NotFound` when the contract does not
/// exist or lies outside the scope (checked first, so the answer reveals
/// nothing); `Forbidden` when the profile hides contracts or disables
/// report downloads, or the contract's broker has switched the sheet off.
pub async fn render(
    app: &App,
    principal: &Principal,
    id: ContractId,
    words: &dyn Words,
) -> Result<ContractSheet, AppError> {
    let page = contracts::detail(app, principal, id).await?;
    let (contract, objects, history) = (page.contract, page.objects, page.premium_history);
    let permissions = &principal.permissions;
    if !permissions.shows_area(MenuArea::Contracts)
        || !permissions.allows(Function::DownloadReports)
    {
        return Err(AppError::Forbidden);
    }
    let parties = kp_storage::contacts::contract_parties(&app.db, &principal.scope, id)
        .await?
        .ok_or(AppError::NotFound)?;
    let tenant = TenantId(parties.office.id);
    if !report_settings::for_tenant(app, Some(tenant))
        .await?
        .contract_sheet
    {
        return Err(AppError::Forbidden);
    }
    let people = contacts::of_contract(app, principal, id).await?;
    let today = app.clock.now().date_naive();
    let broker_logo = report_logos::broker_of_tenant(app, tenant).await;
    let organization_logo = match &parties.organization_logo_key {
        Some(key) => report_logos::load(app, key).await,
        None => None,
    };
    let mut spec = Sheet {
        contract: &contract,
        objects: &objects,
        history: &history,
        people: &people,
        office: &parties.office,
        organization: parties.organization_name.as_deref(),
        shows: &|field| permissions.shows_field(field),
        words,
    }
    .spec();
    spec.left_logo = broker_logo;
    spec.right_logo = organization_logo;
    let spec = spec
        .created(app.clock.now())
        .footer(words.text_with("sheet-created", &[("date", &words.date(today))]));
    Ok(ContractSheet {
        policy_number: contract.policy_number,
        bytes: spec.render(),
    })
}

struct Sheet<'a> {
    contract: &'a ContractDetail,
    objects: &'a [ObjectRow],
    history: &'a [PremiumChange],
    people: &'a [Contact],
    office: &'a contacts::BrokerOffice,
    organization: Option<&'a str>,
    shows: &'a dyn Fn(&str) -> bool,
    words: &'a dyn Words,
}

impl Sheet<'_> {
    fn spec(&self) -> PdfSpec {
        let w = self.words;
        let k = self.contract;
        let office = self.office;
        let header = join(&[
            &office.legal_name,
            &office.street,
            &format!("{} {}", office.postal_code, office.city),
            &office.phone,
            &office.email,
        ]);
        let mut subtitle = vec![
            w.text_with("contract-heading", &[("number", &k.policy_number)]),
            k.customer_name.clone(),
        ];
        if let Some(org) = self.organization {
            subtitle.push(w.text_with("sheet-organization", &[("name", org)]));
        }
        subtitle.push(w.text_with(
            "data-as-of",
            &[("date", &w.date(k.updated_at.date_naive()))],
        ));
        let mut spec = PdfSpec::new(w.text("sheet-title"))
            .header(header)
            .subtitle(subtitle.join("\n"))
            .author(office.legal_name.clone())
            .creator(office.name.clone())
            .lang(w.lang_tag())
            .page_label(w.text_with("sheet-page", &[("page", "{page}"), ("pages", "{pages}")]));
        spec.rows = self.contract_rows();
        let spec = spec
            .section(self.objects_section())
            .section(self.premium_section());
        let spec = match self.history_section() {
            Some(history) => spec.section(history),
            None => spec,
        };
        spec.section(self.contacts_section())
    }

    fn contract_rows(&self) -> Vec<(String, String)> {
        let w = self.words;
        let k = self.contract;
        let money = |minor: i64| w.money(minor, &k.currency);
        let mut rows = vec![
            (w.text("col-policy-number"), k.policy_number.clone()),
            (w.text("col-customer"), k.customer_name.clone()),
            (
                w.text("col-line"),
                w.text(&format!("lob-{}", k.line_of_business)),
            ),
        ];
        if (self.shows)(fields::CONTRACT_INSURER) {
            let insurer = k.insurer_name.clone().unwrap_or_else(|| "–".to_owned());
            rows.push((w.text("col-insurer"), insurer));
        }
        rows.push((
            w.text("col-status"),
            w.text(&format!("contract-status-{}", k.status)),
        ));
        rows.push((
            w.text("field-contract-type"),
            w.text(&format!("contract-type-{}", k.contract_type)),
        ));
        if !k.description.is_empty() {
            rows.push((w.text("field-description"), k.description.clone()));
        }
        rows.push((w.text("col-start"), w.date(k.start_date)));
        rows.push((
            w.text("field-end"),
            k.end_date.map_or_else(|| "–".to_owned(), |d| w.date(d)),
        ));
        if let Some(sum) = k
            .sum_insured_minor
            .filter(|_| (self.shows)(fields::CONTRACT_SUM_INSURED))
        {
            rows.push((w.text("field-sum-insured"), money(sum)));
        }
        if let Some(deductible) = k
            .deductible_minor
            .filter(|_| (self.shows)(fields::CONTRACT_DEDUCTIBLE))
        {
            rows.push((w.text("field-deductible"), money(deductible)));
        }
        rows
    }

    fn objects_section(&self) -> Section {
        let w = self.words;
        let mut section = Section::new(w.text("contract-objects"));
        if self.objects.is_empty() {
            return section.paragraph(w.text("contract-no-objects"));
        }
        for o in self.objects {
            let name = if o.plate.is_empty() {
                o.description.clone()
            } else {
                format!("{} ({})", o.description, o.plate)
            };
            let place = if o.site.is_empty() { &o.city } else { &o.site };
            section = section.row(
                w.text(&format!("object-kind-{}", o.kind)),
                join(&[&name, place]),
            );
        }
        section
    }

    /// The premium changes, when the profile shows the premium at all.
    fn history_section(&self) -> Option<Section> {
        if !(self.shows)(fields::CONTRACT_PREMIUM) {
            return None;
        }
        let w = self.words;
        let section = Section::new(w.text("premium-history"));
        if self.history.is_empty() {
            return Some(section.paragraph(w.text("premium-history-none")));
        }
        let columns = vec![
            TableColumn::text(w.text("premium-history-valid-from")),
            TableColumn::text(w.text("premium-history-reason")),
            TableColumn::numeric(w.text("field-premium-net")),
            TableColumn::numeric(w.text("field-premium-gross")),
        ];
        let rows = self
            .history
            .iter()
            .map(|p| {
                vec![
                    w.date(p.valid_from),
                    w.label("premium-reason", &p.reason),
                    w.money(p.premium_net_minor, &p.currency),
                    w.money(p.premium_gross_minor, &p.currency),
                ]
            })
            .collect();
        Some(section.table(Table { columns, rows }))
    }

    /// The premium as it stands.
    fn premium_section(&self) -> Section {
        let w = self.words;
        let k = self.contract;
        let mut section = Section::new(w.text("sheet-premium")).row(
            w.text("field-payment-frequency"),
            w.text(&format!("payment-frequency-{}", k.payment_frequency)),
        );
        if !k.main_due_date.is_empty() {
            section = section.row(w.text("field-main-due-date"), k.main_due_date.clone());
        }
        if (self.shows)(fields::CONTRACT_PREMIUM) {
            section = section
                .row(
                    w.text("field-premium-net"),
                    w.money(k.premium_net_minor, &k.currency),
                )
                .row(
                    w.text("field-premium-gross"),
                    w.money(k.premium_gross_minor, &k.currency),
                );
        }
        section
    }

    fn contacts_section(&self) -> Section {
        let w = self.words;
        let mut section = Section::new(w.text("sheet-contacts"));
        for person in self.people {
            let roles: Vec<String> = person
                .roles
                .iter()
                .map(|r| w.text(&format!("contact-role-{r}")))
                .collect();
            let reach = join(&[&person.phone, &person.email]);
            section = section.row(roles.join(", "), format!("{}\n{reach}", person.name));
        }
        let office = self.office;
        let mut reach = vec![office.name.clone()];
        reach.push(join(&[&office.phone, &office.email]));
        if !office.office_hours.is_empty() {
            reach.push(w.text_with("sheet-office-hours", &[("name", &office.office_hours)]));
        }
        section.row(w.text("sheet-office"), reach.join("\n"))
    }
}

/// The non-empty parts, separated by a middle dot.
fn join(parts: &[&str]) -> String {
    parts
        .iter()
        .map(|p| p.trim())
        .filter(|p| !p.is_empty())
        .collect::<Vec<_>>()
        .join(" · ")
}

#[cfg(test)]
mod tests {
    use super::join;

    #[test]
    fn empty_parts_leave_no_stray_separators() {
        assert_eq!(join(&["a", " ", "b", ""]), "a · b");
    }
}
